import { writeFile } from 'node:fs/promises';
import { Container } from 'inversify';
import { installBackend } from '../compose/backends.js';
import { classGridPng } from '../output/class-grid.js';
import { readModelDir } from '../output/model-dir.js';

export interface SampleCommandOptions {
  readonly model: string;
  readonly backend: string;
  readonly out: string;
  readonly n: number;
  readonly seed: number;
}

/**
 * `cvae sample`: reloads a trained model and writes a PNG with `n` samples per class, one row per
 * class. With the training seed it reproduces the run's `samples.png` exactly.
 *
 * @example
 * ```ts
 * await sampleCommand({ model: 'runs/x/model', backend: 'auto', out: 'grid.png', n: 10, seed: 0 });
 * ```
 */
export async function sampleCommand(options: SampleCommandOptions): Promise<void> {
  await installBackend(new Container(), { name: options.backend }, (line) => process.stderr.write(`${line}\n`));
  const { model, manifest } = await readModelDir(options.model);
  const shape = manifest.dataset?.spec.input.shape ?? [Math.sqrt(model.config.inputSize), Math.sqrt(model.config.inputSize)];
  await writeFile(options.out, classGridPng(model, shape, options.n, options.seed));
  process.stdout.write(`[cvae] wrote ${options.out} (${model.config.conditionSize} rows x ${options.n} samples)\n`);
  model.dispose();
}
