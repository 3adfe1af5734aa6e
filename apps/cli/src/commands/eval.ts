import { evaluateElbo, evaluateIwae, latentStats, unconditioned } from '@cvae/core';
import { createDataset } from '@cvae/datasets';
import { Container } from 'inversify';
import { installBackend } from '../compose/backends.js';
import { readModelDir } from '../output/model-dir.js';
import { UsageError } from '../usage-error.js';

export interface EvalCommandOptions {
  readonly model: string;
  readonly backend: string;
  readonly k: number;
  readonly split: 'train' | 'test';
  readonly dataDir?: string;
  readonly testSize?: number;
  readonly seed: number;
}

/**
 * `cvae eval`: reloads a trained model and reports, on the dataset it was trained on, the -ELBO,
 * the importance-weighted NLL with k samples (Burda et al. 2015), bits/dim, KL per latent
 * dimension and active units. Prints one JSON object (nats per example).
 *
 * @example
 * ```ts
 * await evalCommand({ model: 'runs/x/model', backend: 'auto', k: 1000, split: 'test', seed: 0 });
 * ```
 */
export async function evalCommand(options: EvalCommandOptions): Promise<void> {
  await installBackend(new Container(), { name: options.backend }, (line) => process.stderr.write(`${line}\n`));
  const { model, manifest } = await readModelDir(options.model);
  const id = manifest.dataset?.id;
  if (id === undefined) throw new UsageError(`${options.model}/model.json names no dataset to evaluate on. Fix: evaluate a model written by \`cvae train\``);
  // A model trained with --unconditional names its data "<id>-unconditioned".
  const baseId = id.replace(/-unconditioned$/, '');
  const source = createDataset(baseId, { dataDir: options.dataDir, testSize: options.testSize });
  const dataset = baseId === id ? source : unconditioned(source);
  await dataset.load();
  const started = performance.now();
  const elbo = await evaluateElbo(model, dataset, options.split, { seed: options.seed });
  const iwae = await evaluateIwae(model, dataset, options.split, { k: options.k, seed: options.seed });
  const latent = await latentStats(model, dataset, options.split);
  const report = {
    dataset: id,
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
  process.stdout.write(`${JSON.stringify(report)}\n`);
  model.dispose();
}
