import { AUTO_SKEW, DAY_MS, isCategoryEncoding, type ColumnEncoding, type NumericEncoding } from './column-encoder.js';
import { skewness } from './quantile-normal.js';
import { cellNumber, combinationKey, emptyRecord, ownValue, type TabularRecord, type TabularValue } from './values.js';

/**
 * Each number column's range per value of the categorical condition columns, as fitted on the
 * training split: the conditional version of the training-range constraint. A CVAE's p(x|c) has
 * tails that spill past what class c ever shows (cars: 2.5% of generated European cars had an
 * engine bigger than any European car in training, as two thirds of American cars do), and a
 * classifier trained on such rows learns blurred class boundaries.
 *
 * The range of n draws falls short of the true support by about one spacing (max - min)/(n - 1)
 * at each end (the minimum-variance unbiased estimate of a uniform's end points), so each range is
 * widened by that much: a condition value with few rows gets a loose range, not a tight one. A
 * column with fewer than two values for a condition value gets no range there, and a long-tailed
 * column (|skewness| above `AUTO_SKEW`, e.g. money, vote counts) none at all: the next value of a long
 * tail can fall far past the largest seen, and cutting it there weakened those columns' correlations
 * (movies: the grosses' and votes' pairs lost 0.016-0.020 each).
 */
export interface ConditionRanges {
  /** The categorical condition columns whose values form the key (`combinationKey` of their values). */
  readonly columns: readonly string[];
  /** Key → number column → [lo, hi]. */
  readonly byValue: Readonly<Record<string, Readonly<Record<string, readonly [number, number]>>>>;
}

/**
 * Fits {@link ConditionRanges} for the number columns among `x`, keyed by `conditionColumns`
 * (categorical condition columns; none: undefined), from the training values `valuesOf(name)`.
 *
 * @example
 * ```ts
 * const ranges = fitConditionRanges(encoder.xColumns, ['Origin'], (name) => rows.map((r) => r[name] ?? null));
 * ranges?.byValue['["Europe"]'].Displacement; // [64.6, 186.5]
 * ```
 */
export function fitConditionRanges(x: readonly ColumnEncoding[], conditionColumns: readonly string[], valuesOf: (name: string) => TabularValue[]): ConditionRanges | undefined {
  const numeric = x.filter((e): e is NumericEncoding => !isCategoryEncoding(e));
  if (conditionColumns.length === 0 || numeric.length === 0) return undefined;
  const keys = ((conditionValues) => conditionValues[0].map((_, r) => combinationKey(conditionValues.map((v) => v[r]))))(conditionColumns.map(valuesOf));
  // Without a prototype: a column named `__proto__` or `constructor` is a plain key.
  const byValue = emptyRecord<Record<string, readonly [number, number]>>();
  for (const { name, kind, decimals, dateOnly } of numeric) {
    const numbers = valuesOf(name).map(cellNumber).filter((v): v is number => v !== undefined);
    if (Math.abs(skewness(numbers)) > AUTO_SKEW) continue;
    // Outward to the column's grid (whole numbers, its decimals, whole days or milliseconds), so a value written on
    // the grid never rounds out of its range, nor a clamped one back out of it.
    const [step, digits] = kind === 'integer' ? [1, 0] : kind === 'datetime' ? [dateOnly ? DAY_MS : 1, 0] : decimals !== undefined ? [10 ** -decimals, decimals] : [0, 0];
    const snap = (v: number, round: (v: number) => number) => (step > 0 ? Number((round(v / step) * step).toFixed(digits)) : v);
    const stats = new Map<string, { lo: number; hi: number; n: number }>();
    valuesOf(name).forEach((value, r) => {
      const v = cellNumber(value);
      if (v === undefined) return;
      const s = stats.get(keys[r]) ?? { lo: Infinity, hi: -Infinity, n: 0 };
      stats.set(keys[r], { lo: Math.min(s.lo, v), hi: Math.max(s.hi, v), n: s.n + 1 });
    });
    for (const [key, { lo, hi, n }] of stats) {
      if (n < 2) continue;
      const spacing = (hi - lo) / (n - 1);
      (byValue[key] ??= emptyRecord())[name] = [snap(lo - spacing, Math.floor), snap(hi + spacing, Math.ceil)];
    }
  }
  return { columns: conditionColumns, byValue };
}

/**
 * The ranges that apply to `row` (by its condition values), or undefined when its value has none.
 *
 * @example
 * ```ts
 * rangesFor({ Origin: 'Europe', Displacement: 312 }, encoder.conditionRanges!); // { Displacement: [64, 187], ... }
 * ```
 */
export function rangesFor(row: TabularRecord, ranges: ConditionRanges): Readonly<Record<string, readonly [number, number]>> | undefined {
  return ownValue(ranges.byValue, combinationKey(ranges.columns.map((name) => row[name] ?? null)));
}
