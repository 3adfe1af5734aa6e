import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Container } from 'inversify';
import { installBackend } from '../compose/backends.js';
import { encodeCondition, parseConditionArgument, type ConditionAttribute, type Cvae, type ModelManifest } from '@cvae/core';
import { sampleRecords, type TabularEncoder } from '@cvae/datasets';
import { encoderFromJson, TABULAR_ENCODER_FILE } from '../compose/tabular.js';
import { classGridPng, conditionRowPng } from '../output/class-grid.js';
import { recordsCsv } from '../output/records-csv.js';
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
  const tabularJson = await readFile(join(options.model, TABULAR_ENCODER_FILE), 'utf8').catch(() => undefined);
  if (tabularJson !== undefined) {
    await sampleTabular(model, manifest, encoderFromJson(JSON.parse(tabularJson)), options);
    model.dispose();
    return;
  }
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

/** Tabular models: `--condition COL=VALUE[,COL=VALUE]`, `--n` rows, written as CSV to `--out`. */
async function sampleTabular(model: Cvae, manifest: ModelManifest, encoder: TabularEncoder, options: SampleCommandOptions): Promise<void> {
  const attributes = manifest.dataset?.spec.condition.attributes;
  if (options.condition === undefined || attributes === undefined) {
    const names = attributes?.map((a) => a.name).join(', ') ?? 'the condition columns';
    throw new UsageError(`a tabular model needs --condition COL=VALUE[,COL=VALUE] (its condition columns: ${names})`);
  }
  if (!options.out.toLowerCase().endsWith('.csv')) throw new UsageError(`a tabular model writes CSV: give --out FILE.csv (found "${options.out}")`);
  const c = encodeCondition(attributes, parseConditionArgument(options.condition));
  const conditions = new Float32Array(options.n * c.length);
  for (let i = 0; i < options.n; i++) conditions.set(c, i * c.length);
  const rows = sampleRecords(model, encoder, conditions, options.seed);
  await writeFile(options.out, recordsCsv(rows, encoder.schema.map((column) => column.name)));
  process.stdout.write(`[cvae] wrote ${options.out} (${options.n} rows for ${options.condition})\n`);
}
