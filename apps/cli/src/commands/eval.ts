import { evaluateElbo, evaluateIwae, latentStats } from '@cvae/core';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { reopenDataset } from '../compose/dataset-door.js';

export interface EvalCommandOptions extends SavedModelOptions {
  readonly k: number;
  readonly split: 'train' | 'test';
  readonly dataDir?: string;
  readonly testSize?: number;
  readonly seed: number;
  /** Print one JSON object on stdout and nothing else. */
  readonly json?: boolean;
}

/**
 * `cvae eval`: reloads a trained model and reports, on the dataset it was trained on (rebuilt from
 * the model's manifest through its dataset descriptor: built-in, tabular or plugin), the -ELBO,
 * the importance-weighted NLL with k samples (Burda et al. 2015), bits/dim, KL per latent
 * dimension and active units (nats per example), as text or, with `--json`, one JSON object.
 *
 * @example
 * ```ts
 * await evalCommand({ model: 'runs/x/model', backend: 'auto', k: 1000, split: 'test', seed: 0 });
 * ```
 */
export async function evalCommand(options: EvalCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { dataset } = await reopenDataset(manifest, options.model, options);
    const started = performance.now();
    const elbo = await evaluateElbo(model, dataset, options.split, { seed: options.seed });
    const iwae = await evaluateIwae(model, dataset, options.split, { k: options.k, seed: options.seed });
    const latent = await latentStats(model, dataset, options.split);
    const report = {
      dataset: dataset.id,
      split: options.split,
      examples: elbo.examples,
      negElbo: elbo.negElbo,
      recon: elbo.recon,
      kl: elbo.kl,
      iwae: { k: options.k, nll: iwae.nll },
      bitsPerDim: iwae.nll / (model.config.inputSize * Math.LN2),
      activeUnits: latent.activeUnits,
      klPerDimension: latent.klPerDimension,
      seconds: (performance.now() - started) / 1000,
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else {
      const bits = report.bitsPerDim.toFixed(4);
      process.stdout.write(
        [
          `${report.dataset}, ${report.split} split, ${report.examples} examples (nats per example):`,
          `  -ELBO        ${report.negElbo.toFixed(2)}  (reconstruction ${report.recon.toFixed(2)} + KL ${report.kl.toFixed(2)})`,
          `  IWAE NLL     ${report.iwae.nll.toFixed(2)}  (k = ${report.iwae.k}; ${bits} bits/dim)`,
          `  active units ${report.activeUnits}/${report.klPerDimension.length}; KL per dimension: ${report.klPerDimension.map((k) => k.toFixed(2)).join(' ')}`,
          '',
        ].join('\n'),
      );
    }
  });
}
