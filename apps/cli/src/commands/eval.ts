import { assertOneHotCondition, evaluateElbo, evaluateIwae, latentStats, likelihoodOf } from '@cvae/core';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { reopenDataset } from '../compose/dataset-door.js';
import { controlReport } from './control-report.js';

export interface EvalCommandOptions extends SavedModelOptions {
  readonly k: number;
  readonly split: 'train' | 'test';
  readonly dataDir?: string;
  readonly testSize?: number;
  readonly seed: number;
  /** Print one JSON object on stdout and nothing else. */
  readonly json?: boolean;
  /** Also measure how often samples obey their class (`control` in the report). */
  readonly control?: boolean;
  /** Samples per class for `--control`. */
  readonly perClass?: number;
  /** Epochs of the reading classifier for `--control`. */
  readonly classifierEpochs?: number;
}

/**
 * `cvae eval`: reloads a trained model and reports, on the dataset it was trained on (rebuilt from
 * the model's manifest through its dataset descriptor: built-in, tabular or plugin), the -ELBO,
 * the importance-weighted NLL with k samples (Burda et al. 2015), bits/dim, KL per latent
 * dimension and active units (nats per example), as text or, with `--json`, one JSON object. With
 * `control`, also how often samples obey their class and how much of c the latent z carries.
 *
 * @example
 * ```ts
 * await evalCommand({ model: 'runs/x/model', backend: 'auto', k: 1000, split: 'test', seed: 0 });
 * ```
 */
export async function evalCommand(options: EvalCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { dataset } = await reopenDataset(manifest, options.model, options);
    if (options.control) assertOneHotCondition(dataset, '--control');
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
      iwae: { k: options.k, nll: iwae.nll, unitsPerExample: iwae.unitsPerExample, nllPerUnit: iwae.nllPerUnit, perplexity: Math.exp(iwae.nllPerUnit) },
      bitsPerDim: iwae.nll / (model.config.inputSize * Math.LN2),
      activeUnits: latent.activeUnits,
      klPerDimension: latent.klPerDimension,
      seconds: (performance.now() - started) / 1000,
      ...(options.control && {
        control: await controlReport(model, dataset, { perClass: options.perClass ?? 1000, classifierEpochs: options.classifierEpochs ?? 5, seed: options.seed }),
      }),
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
          // Text: the likelihood counts tokens (end token included), so per-token figures mean something.
          ...(likelihoodOf(model.config.likelihood).units !== undefined
            ? [`  per token    ${report.iwae.nllPerUnit.toFixed(4)} nats, perplexity ${report.iwae.perplexity.toFixed(3)} (${report.iwae.unitsPerExample.toFixed(2)} tokens per text, end token included)`]
            : []),
          `  active units ${report.activeUnits}/${report.klPerDimension.length}; KL per dimension: ${report.klPerDimension.map((k) => k.toFixed(2)).join(' ')}`,
          ...(report.control
            ? [
                `  control      ${(report.control.accuracy * 100).toFixed(1)}% of samples (means; drawn: ${(report.control.sampledAccuracy * 100).toFixed(1)}%) read as their class by a classifier (${report.control.classifier.architecture}) with ${(report.control.classifier.realTestAccuracy * 100).toFixed(1)}% on real test examples (${(report.control.relative * 100).toFixed(1)}% of it; drawn ${(report.control.sampledRelative * 100).toFixed(1)}%)`,
                `  leakage      ${JSON.stringify(report.control.leakage)}`,
              ]
            : []),
          '',
        ].join('\n'),
      );
    }
  });
}
