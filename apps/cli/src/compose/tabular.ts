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
import type { ContinuousEncoding, MissingOption, SchemaOverrides } from '@cvae/datasets';
import type { ContainerModule } from 'inversify';
import { UsageError } from '../usage-error.js';

/** Name of the fitted schema + encoders saved beside model.json, so sampling needs no CSV. */
export const TABULAR_ENCODER_FILE = 'tabular.json';

/** Rows of the test split scored after training, at most: a seeded subset of larger splits. */
export const QUALITY_ROWS = 10_000;

/** The `--dataset tabular` flags. */
export interface TabularFlags {
  readonly csv?: string;
  readonly condition?: string;
  readonly delimiter?: string;
  readonly kinds?: SchemaOverrides;
  readonly missing?: MissingOption;
  readonly continuous?: ContinuousEncoding;
}

/**
 * The container module of `--dataset tabular`: needs `--csv FILE` and `--condition COL[,COL]`.
 *
 * @example
 * ```ts
 * container.load(tabularDatasetModule({ csv: 'penguins.csv', condition: 'Species', missing: { Sex: 'category' } }));
 * ```
 */
export function tabularDatasetModule(flags: TabularFlags): ContainerModule {
  const { csv, condition } = flags;
  if (csv === undefined) throw new UsageError('--dataset tabular needs --csv FILE (a CSV file with a header row)');
  if (condition === undefined) throw new UsageError('--dataset tabular needs --condition COL[,COL] (the columns to condition on)');
  return tabularModule({
    csv,
    condition: condition.split(',').map((c) => c.trim()),
    delimiter: flags.delimiter,
    schema: flags.kinds,
    missing: flags.missing,
    continuous: flags.continuous,
  });
}

/** The mixed likelihood of a loaded tabular adapter, or undefined for other datasets. */
export function tabularLikelihood(dataset: DatasetAdapter): LikelihoodConfig | undefined {
  return dataset instanceof TabularAdapter ? { kind: 'mixed', groups: dataset.likelihoodGroups() } : undefined;
}

/**
 * After training on tabular data: one synthetic row for each test row (at most
 * {@link QUALITY_ROWS}, a seeded subset), with that row's condition, and the quality report
 * comparing them (by the first categorical condition column).
 *
 * @example
 * ```ts
 * const { synthetic, report } = tabularSynthesis(model, adapter, seed);
 * ```
 */
export function tabularSynthesis(model: Cvae, adapter: TabularAdapter, seed: number): { synthetic: TabularRecord[]; report: QualityReport } {
  const { rows: real, c: conditions } = adapter.subset('test', QUALITY_ROWS, seed);
  const synthetic = sampleRecords(model, adapter.encoder, conditions, seed);
  const by = adapter.spec.condition.attributes?.find((a) => a.kind === 'categorical')?.name;
  return { synthetic, report: qualityReport(real, synthetic, adapter.encoder.schema, { by, seed }) };
}

/** Reads the encoder saved beside a tabular model. */
export function encoderFromJson(json: unknown): TabularEncoder {
  return TabularEncoder.fromJSON(json as Parameters<typeof TabularEncoder.fromJSON>[0]);
}
