import { repeatRows, type Cvae } from '@cvae/core';
import { qualityReport, type QualityReport } from './quality/quality-report.js';
import { sampleRecords } from './sample-records.js';
import type { TabularAdapter } from './tabular-adapter.js';
import type { TabularRecord } from './values.js';

/** Rows of the test split scored after training (and of the training split the baselines come from), at most: a seeded subset of larger splits. */
export const QUALITY_ROWS = 10_000;
/** Synthetic rows scored, at least: small test splits have their conditions repeated, so the scores are not sampling noise. */
export const MIN_SYNTHETIC_ROWS = 2_000;

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
  // The whole block of test conditions, `repeats` times over.
  const conditions = repeatRows(testConditions, repeats, testConditions.length);
  const synthetic = sampleRecords(model, adapter.encoder, conditions, seed);
  const by = adapter.spec.condition.attributes?.find((a) => a.kind === 'categorical')?.name;
  return { synthetic, report: qualityReport(real, synthetic, adapter.encoder.schema, { by, seed, reference }) };
}
