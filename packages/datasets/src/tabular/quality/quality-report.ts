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
}

/** Scores of the rows whose `by` column has one value. */
export interface QualityGroup {
  readonly value: string;
  readonly scores: QualityScores;
}

/** The full report: scores, per-condition scores, the two baselines and a one-sentence reading. */
export interface QualityReport extends QualityScores {
  readonly by?: { readonly column: string; readonly groups: readonly QualityGroup[] };
  readonly baselines: {
    /** Independent per-column draws from the real marginals: the floor for pair trends. */
    readonly independent: QualityScores;
    /** Real rows resampled with replacement: the ceiling. */
    readonly resampled: QualityScores;
  };
  /** Where the synthetic pair-trend score falls between the two baselines. */
  readonly summary: string;
}

/**
 * Compares synthetic rows with real ones (SDV-style quality report): column shapes (KS / TV
 * complement), column-pair trends (correlation / contingency similarity), overall = their mean;
 * the same per value of the `by` column; and two baselines of the synthetic table's size drawn
 * from the real rows (independent columns, resampled rows) to read the scores against.
 *
 * @example
 * ```ts
 * const report = qualityReport(adapter.rows('test'), adapter.decode(x, c), adapter.encoder.schema, { by: 'Species' });
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
  const { by, seed = 0 } = options;
  if (by !== undefined && !schema.some((c) => c.name === by)) {
    throw new DatasetError('tabular', `quality report: "by" column "${by}" is not in the schema; the columns are ${schema.map((c) => c.name).join(', ')}`);
  }
  const scores = qualityScores(real, synthetic, schema);
  const names = schema.map((c) => c.name);
  const independent = qualityScores(real, independentDraws(real, synthetic.length, seed, names), schema);
  const resampled = qualityScores(real, resampledRows(real, synthetic.length, seed), schema);
  const report: QualityReport = { ...scores, baselines: { independent, resampled }, summary: summarise(scores, independent, resampled) };
  if (by === undefined) return report;
  const others = schema.filter((c) => c.name !== by);
  const values = [...new Set(real.map((row) => String(row[by])))].sort();
  const groups = values.flatMap((value) => {
    const [r, s] = [real.filter((row) => String(row[by]) === value), synthetic.filter((row) => String(row[by]) === value)];
    return r.length > 0 && s.length > 0 ? [{ value, scores: qualityScores(r, s, others) }] : [];
  });
  return { ...report, by: { column: by, groups } };
}

function summarise(model: QualityScores, floor: QualityScores, ceiling: QualityScores): string {
  const [m, lo, hi] = [model.columnPairTrends, floor.columnPairTrends, ceiling.columnPairTrends];
  const f = (v: number) => v.toFixed(3);
  if (Number.isNaN(m)) return 'One column only: there are no column pairs to compare.';
  const baselines = `independent per-column draws score ${f(lo)} and resampled real rows ${f(hi)}`;
  if (hi - lo < 0.01) return `Column-pair trends ${f(m)}; the baselines barely differ (${baselines}), so pair trends say little about this table.`;
  const at = (m - lo) / (hi - lo);
  if (at < 0) return `Column-pair trends ${f(m)}: below independent draws (${baselines}); the synthetic rows lose even the marginal structure of the pairs.`;
  if (at > 1) return `Column-pair trends ${f(m)}: at or above resampled real rows (${baselines}), i.e. as good as real data at this sample size.`;
  return `Column-pair trends ${f(m)}: ${Math.round(at * 100)}% of the way from independent draws to resampled real rows (${baselines}).`;
}
