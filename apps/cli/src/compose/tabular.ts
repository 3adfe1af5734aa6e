import {
  qualityReport,
  sampleRecords,
  TabularAdapter,
  TabularEncoder,
  tabularModule,
  type QualityReport,
  type TabularRecord,
} from '@cvae/datasets';
import type { Cvae, DatasetAdapter, LikelihoodConfig } from '@cvae/core';
import type { ContainerModule } from 'inversify';
import { UsageError } from '../usage-error.js';

/** Name of the fitted schema + encoders saved beside model.json, so sampling needs no CSV. */
export const TABULAR_ENCODER_FILE = 'tabular.json';

/**
 * The container module of `--dataset tabular`: needs `--csv FILE` and `--condition COL[,COL]`.
 *
 * @example
 * ```ts
 * container.load(tabularDatasetModule('penguins.csv', 'Species'));
 * ```
 */
export function tabularDatasetModule(csv: string | undefined, condition: string | undefined): ContainerModule {
  if (csv === undefined) throw new UsageError('--dataset tabular needs --csv FILE (a CSV file with a header row)');
  if (condition === undefined) throw new UsageError('--dataset tabular needs --condition COL[,COL] (the columns to condition on)');
  return tabularModule({ csv, condition: condition.split(',').map((c) => c.trim()) });
}

/** The mixed likelihood of a loaded tabular adapter, or undefined for other datasets. */
export function tabularLikelihood(dataset: DatasetAdapter): LikelihoodConfig | undefined {
  return dataset instanceof TabularAdapter ? { kind: 'mixed', groups: dataset.likelihoodGroups() } : undefined;
}

/**
 * After training on tabular data: one synthetic row for each test row, with that row's condition,
 * and the quality report comparing them (by the first condition column).
 *
 * @example
 * ```ts
 * const { synthetic, report } = await tabularSynthesis(model, adapter, seed);
 * ```
 */
export async function tabularSynthesis(model: Cvae, adapter: TabularAdapter, seed: number): Promise<{ synthetic: TabularRecord[]; report: QualityReport }> {
  const real = adapter.rows('test');
  const conditions = new Float32Array(real.length * adapter.spec.condition.size);
  let offset = 0;
  for await (const batch of adapter.batches('test', 512, { shuffle: false })) {
    conditions.set(batch.c, offset);
    offset += batch.c.length;
  }
  const synthetic = sampleRecords(model, adapter.encoder, conditions, seed);
  const by = adapter.spec.condition.attributes?.find((a) => a.kind === 'categorical')?.name;
  return { synthetic, report: qualityReport(real, synthetic, adapter.encoder.schema, { by, seed }) };
}

/** Reads the encoder saved beside a tabular model. */
export function encoderFromJson(json: unknown): TabularEncoder {
  return TabularEncoder.fromJSON(json as Parameters<typeof TabularEncoder.fromJSON>[0]);
}
