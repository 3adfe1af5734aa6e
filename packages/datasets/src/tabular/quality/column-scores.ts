import { isNumericKind, type ColumnSchema } from '../schema.js';
import { cellNumber, type TabularRecord, type TabularValue } from '../values.js';
import { binOf, correlationSimilarity, ksStatistic, pearson, quantileEdges, tvDistance } from './metrics.js';

/** How well one column's distribution is reproduced (1 = identical). */
export interface ColumnShapeScore {
  readonly column: string;
  readonly metric: 'KSComplement' | 'TVComplement';
  readonly score: number;
}

/** How well the relation of two columns is reproduced (1 = identical). */
export interface ColumnPairScore {
  readonly columns: readonly [string, string];
  readonly metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  readonly score: number;
}

/** Shape and pair-trend scores of one synthetic table against a real one; `overall` is their mean. */
export interface QualityScores {
  readonly rows: { readonly real: number; readonly synthetic: number };
  readonly columnShapes: number;
  /** NaN when there is a single column (no pairs). */
  readonly columnPairTrends: number;
  readonly overall: number;
  readonly columns: readonly ColumnShapeScore[];
  readonly pairs: readonly ColumnPairScore[];
}

/** Label of a missing cell when categories are compared. */
const MISSING = '\u0000missing';
/** Quantile bins of a continuous column in a mixed (continuous × categorical) pair. */
const PAIR_BINS = 5;

const toNumber = cellNumber;
const toLabel = (v: TabularValue): string => (v === null ? MISSING : String(v));
const mean = (xs: readonly number[]) => (xs.length === 0 ? NaN : xs.reduce((s, v) => s + v, 0) / xs.length);

/**
 * Scores `synthetic` against `real` over the `schema`'s columns: per column 1 - KS (numbers,
 * datetimes) or 1 - TV (categories, booleans; a missing cell is a category), per pair 1 - |Δr| / 2
 * (two number columns, rows with both present) or 1 - TV of the joint distribution (otherwise;
 * number columns cut into 5 quantile bins of the real values, a missing cell its own bin).
 *
 * @example
 * ```ts
 * const scores = qualityScores(realRows, syntheticRows, encoder.schema);
 * scores.columnShapes; // e.g. 0.91
 * ```
 */
export function qualityScores(real: readonly TabularRecord[], synthetic: readonly TabularRecord[], schema: readonly ColumnSchema[]): QualityScores {
  const columns: ColumnShapeScore[] = schema.map(({ name, kind }) =>
    isNumericKind(kind)
      ? { column: name, metric: 'KSComplement', score: 1 - ksStatistic(numbers(real, name), numbers(synthetic, name)) }
      : { column: name, metric: 'TVComplement', score: 1 - tvDistance(labels(real, name), labels(synthetic, name)) },
  );
  const pairs: ColumnPairScore[] = [];
  for (let i = 0; i < schema.length; i++) {
    for (let j = i + 1; j < schema.length; j++) pairs.push(pairScore(real, synthetic, schema[i], schema[j]));
  }
  const columnShapes = mean(columns.map((c) => c.score));
  const columnPairTrends = mean(pairs.map((p) => p.score));
  const overall = pairs.length === 0 ? columnShapes : (columnShapes + columnPairTrends) / 2;
  return { rows: { real: real.length, synthetic: synthetic.length }, columnShapes, columnPairTrends, overall, columns, pairs };
}

function pairScore(real: readonly TabularRecord[], synthetic: readonly TabularRecord[], a: ColumnSchema, b: ColumnSchema): ColumnPairScore {
  const columns = [a.name, b.name] as const;
  if (isNumericKind(a.kind) && isNumericKind(b.kind)) {
    const r = (rows: readonly TabularRecord[]) => {
      const [xs, ys] = [[] as number[], [] as number[]];
      for (const row of rows) {
        const [x, y] = [toNumber(row[a.name] ?? null), toNumber(row[b.name] ?? null)];
        if (x !== undefined && y !== undefined) {
          xs.push(x);
          ys.push(y);
        }
      }
      return pearson(xs, ys);
    };
    return { columns, metric: 'CorrelationSimilarity', score: correlationSimilarity(r(real), r(synthetic)) };
  }
  const labelOf = (column: ColumnSchema) => {
    if (!isNumericKind(column.kind)) return (v: TabularValue) => toLabel(v);
    const edges = quantileEdges(numbers(real, column.name), PAIR_BINS);
    return (v: TabularValue) => {
      const n = toNumber(v);
      return n === undefined ? MISSING : `bin${binOf(n, edges)}`;
    };
  };
  const [la, lb] = [labelOf(a), labelOf(b)];
  const joint = (rows: readonly TabularRecord[]) => rows.map((row) => `${la(row[a.name] ?? null)}\u0001${lb(row[b.name] ?? null)}`);
  return { columns, metric: 'ContingencySimilarity', score: 1 - tvDistance(joint(real), joint(synthetic)) };
}

function numbers(rows: readonly TabularRecord[], column: string): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const n = toNumber(row[column] ?? null);
    if (n !== undefined) out.push(n);
  }
  return out;
}

function labels(rows: readonly TabularRecord[], column: string): string[] {
  return rows.map((row) => toLabel(row[column] ?? null));
}
