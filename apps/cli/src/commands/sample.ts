import { writeFile } from 'node:fs/promises';
import { Container } from 'inversify';
import { installBackend } from '../compose/backends.js';
import { encodeCondition, parseConditionArgument, type ConditionAttribute } from '@cvae/core';
import { classGridPng, conditionRowPng } from '../output/class-grid.js';
import { UsageError } from '../usage-error.js';
import { readModelDir } from '../output/model-dir.js';

export interface SampleCommandOptions {
  readonly model: string;
  readonly backend: string;
  readonly out: string;
  readonly n: number;
  readonly seed: number;
  /** `name=value[,name=value]`: sample for this condition only (one row). */
  readonly condition?: string;
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
  if (options.condition !== undefined) {
    const spec = manifest.dataset?.spec.condition;
    if (spec === undefined) throw new UsageError(`${options.model}/model.json has no dataset spec, so --condition cannot be encoded`);
    const attributes: readonly ConditionAttribute[] = spec.attributes ?? [{ name: spec.names[0] ?? 'class', kind: 'categorical', classes: spec.classNames }];
    const c = encodeCondition(attributes, parseConditionArgument(options.condition));
    await writeFile(options.out, conditionRowPng(model, shape, c, options.n, options.seed));
    process.stdout.write(`[cvae] wrote ${options.out} (${options.n} samples for ${options.condition})\n`);
  } else {
    await writeFile(options.out, classGridPng(model, shape, options.n, options.seed));
    process.stdout.write(`[cvae] wrote ${options.out} (${model.config.conditionSize} rows x ${options.n} samples)\n`);
  }
  model.dispose();
}
