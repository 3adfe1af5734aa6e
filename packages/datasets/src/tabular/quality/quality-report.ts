import { DatasetError } from '../../dataset-error.js';
import type { ColumnSchema } from '../schema.js';
import type { TabularRecord } from '../values.js';
import { independentDraws, resampledRows } from './baselines.js';
import { qualityScores, type QualityScores } from './column-scores.js';

/** Options of {@link qualityReport}. */
export interface QualityReportOptions {
  /** A (categorical) condition column: the report is repeated for each of its values. */
  readonly by?: string;
  /** Seed of the two baselines (default 0). */
  readonly seed?: number;
  /**
   * Real rows the baselines are drawn from (default: `real` itself). Pass rows the model was
   * trained on and score against held-out `real` rows: then "resampled rows" is what a perfect
   * generator would give (a fresh real sample), not the scored rows compared with themselves.
   */
  readonly reference?: readonly TabularRecord[];
}

/** Scores of a synthetic table, read against two baselines of its size drawn from the real rows. */
export interface BaselinedScores extends QualityScores {
  readonly baselines: {
    /** Independent per-column draws from the real marginals: the floor for pair trends. */
    readonly independent: QualityScores;
    /** Real rows resampled with replacement: the ceiling. */
    readonly resampled: QualityScores;
  };
  /**
   * Where the pair-trend score falls between the baselines: 0 at independent draws, 1 at resampled
   * real rows (may leave [0, 1]); NaN when there are no pairs or the baselines do not differ.
   */
  readonly pairTrendsProgress: number;
  /** The same in one sentence. */
  readonly summary: string;
}

/** Scores of the rows whose `by` column has one value, with that group's own baselines. */
export interface QualityGroup {
  readonly value: string;
  readonly scores: BaselinedScores;
}

/** The full report: scores, the two baselines, a one-sentence reading, and the same per condition value. */
export interface QualityReport extends BaselinedScores {
  readonly by?: { readonly column: string; readonly groups: readonly QualityGroup[] };
}

/**
 * Compares synthetic rows with real ones (SDV-style quality report): column shapes (KS / TV
 * complement), column-pair trends (correlation / contingency similarity), overall = their mean;
 * two baselines of the synthetic table's size drawn from the `reference` rows (default: the real
 * ones; independent columns, resampled rows) to read the scores against; and all of it again per value of the `by` column,
 * with baselines drawn from that value's real rows, so "rows generated for species = Gentoo look
 * like real Gentoo rows" is measured against what real Gentoo rows would score.
 *
 * @example
 * ```ts
 * const report = qualityReport(adapter.rows('test'), synthetic, adapter.encoder.schema, { by: 'Species', reference: adapter.rows('train') });
 * console.log(report.overall, report.summary);
 * ```
 */
export function qualityReport(
  real: readonly TabularRecord[],
  synthetic: readonly TabularRecord[],
  schema: readonly ColumnSchema[],
  options: QualityReportOptions = {},
): QualityReport {
  if (real.length === 0 || synthetic.length === 0) {
    throw new DatasetError('tabular', `quality report needs real and synthetic rows, got ${real.length} real and ${synthetic.length} synthetic`);
  }
  const { by, seed = 0, reference = real } = options;
  if (reference.length === 0) throw new DatasetError('tabular', 'quality report: the reference rows (to draw the baselines from) are empty');
  if (by !== undefined && !schema.some((c) => c.name === by)) {
    throw new DatasetError('tabular', `quality report: "by" column "${by}" is not in the schema; the columns are ${schema.map((c) => c.name).join(', ')}`);
  }
  const report = withBaselines(real, synthetic, reference, schema, seed);
  if (by === undefined) return report;
  const others = schema.filter((c) => c.name !== by);
  const values = [...new Set(real.map((row) => String(row[by])))].sort();
  const groups = values.flatMap((value) => {
    const only = (rows: readonly TabularRecord[]) => rows.filter((row) => String(row[by]) === value);
    const [r, s, ref] = [only(real), only(synthetic), only(reference)];
    return r.length > 0 && s.length > 0 && ref.length > 0 ? [{ value, scores: withBaselines(r, s, ref, others, seed) }] : [];
  });
  return { ...report, by: { column: by, groups } };
}

function withBaselines(
  real: readonly TabularRecord[],
  synthetic: readonly TabularRecord[],
  reference: readonly TabularRecord[],
  schema: readonly ColumnSchema[],
  seed: number,
): BaselinedScores {
  const scores = qualityScores(real, synthetic, schema);
  const names = schema.map((c) => c.name);
  const independent = qualityScores(real, independentDraws(reference, synthetic.length, seed, names), schema);
  const resampled = qualityScores(real, resampledRows(reference, synthetic.length, seed), schema);
  const [m, lo, hi] = [scores.columnPairTrends, independent.columnPairTrends, resampled.columnPairTrends];
  const pairTrendsProgress = Number.isNaN(m) || hi - lo < MIN_BASELINE_GAP ? NaN : (m - lo) / (hi - lo);
  return { ...scores, baselines: { independent, resampled }, pairTrendsProgress, summary: summarise(m, lo, hi, pairTrendsProgress) };
}

/** Baselines closer than this say nothing about pair trends (tables of nearly independent columns). */
const MIN_BASELINE_GAP = 0.01;

/** One sentence on the model's pair trends `m` between the floor `lo` and ceiling `hi` (`at`: the progress, NaN when unmeasurable). */
function summarise(m: number, lo: number, hi: number, at: number): string {
  const f = (v: number) => v.toFixed(3);
  if (Number.isNaN(m)) return 'One column only: there are no column pairs to compare.';
  const baselines = `independent per-column draws score ${f(lo)} and resampled real rows ${f(hi)}`;
  if (Number.isNaN(at)) return `Column-pair trends ${f(m)}; the baselines barely differ (${baselines}), so pair trends say little about this table.`;
  if (at < 0) return `Column-pair trends ${f(m)}: below independent draws (${baselines}); the synthetic rows lose even the marginal structure of the pairs.`;
  if (at > 1) return `Column-pair trends ${f(m)}: at or above resampled real rows (${baselines}), i.e. as good as real data at this sample size.`;
  return `Column-pair trends ${f(m)}: ${Math.round(at * 100)}% of the way from independent draws to resampled real rows (${baselines}).`;
}
