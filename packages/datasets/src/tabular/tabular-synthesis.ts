import { repeatRows, type Cvae } from '@cvae/core';
import type { ConstraintAdherence } from './constraints.js';
import { privacyReport, type PrivacyReport } from './quality/privacy.js';
import { qualityReport, type QualityReport } from './quality/quality-report.js';
import { UTILITY_ROWS, utilityReport, type UtilityReport } from './quality/utility.js';
import { synthesize } from './synthesize.js';
import type { TabularAdapter } from './tabular-adapter.js';
import type { TabularRecord } from './values.js';

/** Rows of the test split scored after training (and of the training split the baselines come from), at most: a seeded subset of larger splits. */
export const QUALITY_ROWS = 10_000;
/** Synthetic rows scored, at least: small test splits have their conditions repeated, so the scores are not sampling noise. */
export const MIN_SYNTHETIC_ROWS = 2_000;
/**
 * Synthetic draws the quality scores are averaged over (and baseline draws, each at a draw's size):
 * on a table whose pair trends span a narrow gap one draw moves the progress by 15 points or more.
 */
export const QUALITY_DRAWS = 5;
/** Synthetic rows whose distances to the training and holdout rows are measured: at most (the privacy report is quadratic), and at least where the training conditions are repeated to reach it. */
export const PRIVACY_ROWS = 2_000;

/** The quality report with constraint adherence, privacy (DCR) and utility (train on synthetic, test on real). */
export interface TabularReport extends QualityReport {
  readonly constraints: ConstraintAdherence;
  readonly privacy: PrivacyReport;
  /** For the first categorical condition column; absent when there is none. */
  readonly utility?: UtilityReport;
}

/**
 * After training on tabular data: synthetic rows for the test rows' conditions (each test row
 * once, or repeated in turn up to {@link MIN_SYNTHETIC_ROWS}; at most {@link QUALITY_ROWS} test
 * rows, a seeded subset), drawn under the default constraints (training ranges, the fixed
 * combinations), and the report scoring them against the real test rows, per value of the first
 * categorical condition column too, every score the mean over {@link QUALITY_DRAWS} such draws
 * (`synthetic` is the first). The baselines are drawn from training rows, so "resampled
 * rows" is a fresh real sample: what a perfect generator would reach. A second synthetic set, one
 * row per training row's condition (repeated in turn up to {@link PRIVACY_ROWS} on a small table),
 * gives the privacy report (DCR against training vs holdout, the mean over `DCR_SUBSAMPLES`
 * training subsamples) and, up to {@link QUALITY_DRAWS} training sets' worth of it (as many as fit
 * in `UTILITY_ROWS` rows together: five on cars, one on movies), the utility report (classifiers
 * trained on each vs on the real training rows, tested on real test rows; the means).
 *
 * @example
 * ```ts
 * const { synthetic, report } = tabularSynthesis(model, adapter, seed);
 * ```
 */
export function tabularSynthesis(model: Cvae, adapter: TabularAdapter, seed: number): { synthetic: TabularRecord[]; report: TabularReport } {
  const { encoder } = adapter;
  const { rows: real, c: testConditions } = adapter.subset('test', QUALITY_ROWS, seed);
  const { rows: reference, c: trainConditions } = adapter.subset('train', QUALITY_ROWS, seed);
  const repeats = Math.ceil(MIN_SYNTHETIC_ROWS / real.length);
  // The whole block of test conditions, `repeats` times over.
  const conditions = repeatRows(testConditions, repeats * QUALITY_DRAWS, testConditions.length);
  const { records: draws, adherence } = synthesize(model, encoder, conditions, { seed });
  const by = adapter.spec.condition.attributes?.find((a) => a.kind === 'categorical')?.name;
  const quality = qualityReport(real, draws, encoder.schema, { by, seed, reference, draws: QUALITY_DRAWS });
  const synthetic = draws.slice(0, draws.length / QUALITY_DRAWS);
  // Up to five classifier pairs while their training sets together hold no more rows than one capped set: a small table's
  // accuracy moves most between draws (cars, 314 rows: ±5 points), and ml-random-forest's cost grows with the square of
  // the rows (movies, 2,000 rows: over a minute a forest).
  const utilityDraws = Math.max(1, Math.min(QUALITY_DRAWS, Math.floor(UTILITY_ROWS / reference.length)));
  // The training conditions in turn, often enough for those sets and, on a small table, PRIVACY_ROWS privacy rows
  // (cars: 314 rows move the DCR share by ±0.03).
  const trainRepeats = Math.max(utilityDraws, Math.ceil(PRIVACY_ROWS / reference.length));
  const likeTraining = synthesize(model, encoder, repeatRows(trainConditions, trainRepeats, trainConditions.length), { seed: seed + 1 }).records;
  const privacy = privacyReport(likeTraining.slice(0, PRIVACY_ROWS), reference, real, encoder.schema, seed);
  const sets = likeTraining.slice(0, utilityDraws * reference.length);
  const utility = by === undefined ? undefined : utilityReport(reference, sets, real, encoder.schema, by, UTILITY_ROWS, utilityDraws);
  return { synthetic, report: { ...quality, constraints: adherence, privacy, ...(utility ? { utility } : {}) } };
}
