import { isNumericKind, type ColumnSchema } from '../schema.js';
import { cellNumber, type TabularRecord, type TabularValue } from '../values.js';

/** Bins of a number column in the histograms (equal width over the real rows' range). */
const BINS = 12;
/** Most frequent classes shown per categorical column; the rest are summed as "other". */
const TOP_CLASSES = 12;

const toNumber = cellNumber;
const short = (v: number) => (Math.abs(v) >= 1e11 ? new Date(v).toISOString().slice(0, 10) : Number(v.toPrecision(3)).toString());

interface Bar {
  readonly column: string;
  readonly bin: string;
  readonly order: number;
  readonly source: 'real' | 'synthetic';
  readonly share: number;
}

/** Bin label and order of every cell of one column, from the real rows' range or classes. */
function binner(column: ColumnSchema, real: readonly TabularRecord[]): (v: TabularValue) => [string, number] {
  if (isNumericKind(column.kind)) {
    const values = real.map((r) => toNumber(r[column.name] ?? null)).filter((v): v is number => v !== undefined);
    const [lo, hi] = [Math.min(...values), Math.max(...values)];
    const width = hi > lo ? (hi - lo) / BINS : 1;
    return (v) => {
      const n = toNumber(v);
      if (n === undefined) return ['missing', BINS + 1];
      const k = Math.max(0, Math.min(BINS - 1, Math.floor((n - lo) / width)));
      return [short(lo + k * width), k];
    };
  }
  const counts = new Map<string, number>();
  for (const r of real) counts.set(String(r[column.name] ?? 'missing'), (counts.get(String(r[column.name] ?? 'missing')) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_CLASSES).map(([label]) => label);
  return (v) => {
    const label = String(v ?? 'missing');
    const at = top.indexOf(label);
    return at < 0 ? ['other', TOP_CLASSES] : [label, at];
  };
}

/**
 * A Vega-Lite spec of per-column histograms, real vs synthetic rows overlaid (shares, so
 * tables of different sizes compare): number columns in 12 equal-width bins of the real range,
 * categorical columns by their 12 most frequent real classes. Apps render it (e.g. to PNG).
 *
 * @example
 * ```ts
 * await writeFile('histograms.png', await vegaLitePng(histogramChartSpec(realRows, synthetic, encoder.schema)));
 * ```
 */
export function histogramChartSpec(real: readonly TabularRecord[], synthetic: readonly TabularRecord[], schema: readonly ColumnSchema[]): Record<string, unknown> {
  const bars: Bar[] = [];
  for (const column of schema) {
    const bin = binner(column, real);
    for (const [source, rows] of [['real', real], ['synthetic', synthetic]] as const) {
      const counts = new Map<string, { order: number; n: number }>();
      for (const r of rows) {
        const [label, order] = bin(r[column.name] ?? null);
        counts.set(label, { order, n: (counts.get(label)?.n ?? 0) + 1 });
      }
      for (const [label, { order, n }] of counts) bars.push({ column: column.name, bin: label, order, source, share: n / rows.length });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: bars },
    facet: { field: 'column', type: 'nominal', title: null },
    columns: 3,
    resolve: { scale: { x: 'independent', y: 'independent' } },
    spec: {
      width: 220,
      height: 120,
      // Overlaid, not side by side: an x offset inside a faceted band scale draws hairline bars.
      mark: { type: 'bar', opacity: 0.55 },
      encoding: {
        x: { field: 'bin', type: 'nominal', sort: { field: 'order', op: 'min' }, title: null, axis: { labelAngle: -45, labelLimit: 70 } },
        y: { field: 'share', type: 'quantitative', title: 'share of rows', stack: null },
        color: { field: 'source', type: 'nominal', scale: { range: ['#4c78a8', '#f58518'] }, title: null },
      },
    },
  };
}
