import { assertOneHotCondition, evaluateElbo, evaluateIwae, latentStats, TOKENS, unconditioned } from '@cvae/core';
import { Container } from 'inversify';
import { installBackend } from '../compose/backends.js';
import { datasetOfModel, readSavedFiles } from '../compose/dataset-door.js';
import { readModelDir } from '../output/model-dir.js';
import { controlReport } from './control-report.js';

export interface EvalCommandOptions {
  readonly model: string;
  readonly backend: string;
  readonly k: number;
  readonly split: 'train' | 'test';
  readonly dataDir?: string;
  readonly testSize?: number;
  readonly seed: number;
  /** Also measure how often samples obey their class (`control` in the report). */
  readonly control?: boolean;
  /** Samples per class for `--control`. */
  readonly perClass?: number;
  /** Epochs of the reading classifier for `--control`. */
  readonly classifierEpochs?: number;
  /** Dataset flags that replace the ones saved with the model (e.g. `csv` when the file moved). */
  readonly [datasetFlag: string]: unknown;
}

/**
 * `cvae eval`: reloads a trained model and reports, on the dataset it was trained on (rebuilt from
 * the model's manifest through its dataset descriptor: built-in, tabular or plugin), the -ELBO,
 * the importance-weighted NLL with k samples (Burda et al. 2015), bits/dim, KL per latent
 * dimension and active units. Prints one JSON object (nats per example). With `control`, also how
 * often samples obey their class and how much of c the latent z carries (`controlReport`).
 *
 * @example
 * ```ts
 * await evalCommand({ model: 'runs/x/model', backend: 'auto', k: 1000, split: 'test', seed: 0 });
 * ```
 */
export async function evalCommand(options: EvalCommandOptions): Promise<void> {
  const container = new Container();
  await installBackend(container, { name: options.backend }, (line) => process.stderr.write(`${line}\n`));
  const { model, manifest } = await readModelDir(options.model);
  try {
    const { descriptor, source } = await datasetOfModel(manifest, options.model);
    const overrides = Object.fromEntries(
      ['dataDir', 'testSize', ...(descriptor.flags?.map((f) => f.name) ?? [])].map((k) => [k, options[k]]).filter(([, v]) => v !== undefined),
    );
    container.load(descriptor.module({ ...source.options, ...overrides }));
    const rebuilt = container.get(TOKENS.Dataset);
    const dataset = source.unconditioned ? unconditioned(rebuilt) : rebuilt;
    await dataset.load();
    descriptor.verify?.(rebuilt, await readSavedFiles(source, options.model));
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
      iwae: { k: options.k, nll: iwae.nll },
      bitsPerDim: iwae.nll / (model.config.inputSize * Math.LN2),
      activeUnits: latent.activeUnits,
      klPerDimension: latent.klPerDimension,
      seconds: (performance.now() - started) / 1000,
      ...(options.control && {
        control: await controlReport(model, dataset, { perClass: options.perClass ?? 1000, classifierEpochs: options.classifierEpochs ?? 5, seed: options.seed }),
      }),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    model.dispose();
  }
}
