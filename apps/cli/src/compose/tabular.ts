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

/** Rows of the test split scored after training (and of the training split the baselines come from), at most: a seeded subset of larger splits. */
export const QUALITY_ROWS = 10_000;
/** Synthetic rows scored, at least: small test splits have their conditions repeated, so the scores are not sampling noise. */
export const MIN_SYNTHETIC_ROWS = 2_000;

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
 * After training on tabular data: synthetic rows for the test rows' conditions (each test row
 * once, or repeated in turn up to {@link MIN_SYNTHETIC_ROWS}; at most {@link QUALITY_ROWS} test
 * rows, a seeded subset) and the quality report scoring them against the real test rows, per
 * value of the first categorical condition column too. The baselines are drawn from training
 * rows, so "resampled rows" is a fresh real sample: what a perfect generator would reach.
 *
 * @example
 * ```ts
 * const { synthetic, report } = tabularSynthesis(model, adapter, seed);
 * ```
 */
export function tabularSynthesis(model: Cvae, adapter: TabularAdapter, seed: number): { synthetic: TabularRecord[]; report: QualityReport } {
  const { rows: real, c: testConditions } = adapter.subset('test', QUALITY_ROWS, seed);
  const reference = adapter.subset('train', QUALITY_ROWS, seed).rows;
  const repeats = Math.ceil(MIN_SYNTHETIC_ROWS / real.length);
  const conditions = new Float32Array(testConditions.length * repeats);
  for (let r = 0; r < repeats; r++) conditions.set(testConditions, r * testConditions.length);
  const synthetic = sampleRecords(model, adapter.encoder, conditions, seed);
  const by = adapter.spec.condition.attributes?.find((a) => a.kind === 'categorical')?.name;
  return { synthetic, report: qualityReport(real, synthetic, adapter.encoder.schema, { by, seed, reference }) };
}

/** Reads the encoder saved beside a tabular model. */
export function encoderFromJson(json: unknown): TabularEncoder {
  return TabularEncoder.fromJSON(json as Parameters<typeof TabularEncoder.fromJSON>[0]);
}
