import { DatasetError } from '../dataset-error.js';
import { fitGaussianModes, likeliestMode, mixtureMisfit, type GaussianMode } from './gaussian-modes.js';
import { MISSING_CATEGORY, type MissingPolicy } from './missing.js';
import { fitQuantiles, fromNormal, skewness, toNormal } from './quantile-normal.js';
import type { ColumnSchema } from './schema.js';
import type { TabularValue } from './values.js';

/**
 * How number columns are encoded: `standard` is one z-scored slot; `modes` is CTGAN/TVAE's
 * mode-specific normalisation (a Gaussian mixture per column: the value relative to its likeliest
 * mode, plus that mode as a one-hot), which keeps multi-modal columns multi-modal; `quantile` is
 * the quantile-to-normal transform (z = Φ⁻¹(F(v)) with F the training split's empirical CDF, as
 * scikit-learn's QuantileTransformer), which turns any marginal — point masses, long tails — into
 * a standard normal and back; `auto` takes `modes` for a column its mixture describes (misfit at
 * most {@link AUTO_MISFIT}) and whose tail is not long (skewness at most {@link AUTO_SKEW}), and
 * `quantile` otherwise.
 */
export type ContinuousEncoding = 'standard' | 'modes' | 'quantile' | 'auto';

/**
 * Largest KS distance between a column and its fitted Gaussian mixture (see `mixtureMisfit`) for
 * which `auto` keeps the mixture: a misfit above it caps the column's shape score (KS complement)
 * below 0.9 however well the network learns. Measured on vega-datasets: penguins' and cars'
 * columns 0.008-0.075, movies' 0.009-0.047, birdstrikes' speed 0.058 and date 0.013 — but its three
 * cost columns (98-99% zeros, skew 48-71) 0.50, which the quantile transform fixes.
 */
export const AUTO_MISFIT = 0.1;

/**
 * Largest |skewness| for which `auto` keeps the mixture. A long right tail (money, vote counts) is
 * fitted by a staircase of ever wider modes, so one ordered quantity becomes an unordered mode
 * one-hot and its link to another such column (US vs worldwide gross, Pearson 0.94 in movies) must
 * be learned as a mode-by-mode table: the model drew it at 0.34. The quantile transform keeps each
 * column one ordered slot, linear in its neighbours. Measured on vega-datasets: penguins' and cars'
 * columns, birdstrikes' speed, movies' ratings and running time 0.1-1.0 (kept); movies' grosses,
 * budget, DVD sales and IMDB votes 2.3-4.9 (quantiles); birdstrikes' costs 48-71.
 */
export const AUTO_SKEW = 2;

/**
 * A fitted number column (continuous, integer, datetime). Slots in x: the value, z-scored
 * `(v - mean) / std`, or with `modes` relative to its likeliest mode `(v - mode.mean) / mode.std`,
 * or with `quantiles` its normal score Φ⁻¹(F(v)); then the one-hot of that mode (with `modes` only); then a 0/1 "is missing" slot under the
 * `category` missing policy.
 */
export interface NumericEncoding {
  readonly name: string;
  readonly kind: 'continuous' | 'integer' | 'datetime';
  readonly missing: MissingPolicy;
  readonly mean: number;
  /** Population standard deviation on the training split; 1 when the column is constant. */
  readonly std: number;
  /** Smallest and largest training value (encoder format 3): the default range constraint. */
  readonly min?: number;
  readonly max?: number;
  /** Datetime columns whose training values are all midnight UTC decode to `YYYY-MM-DD`. */
  readonly dateOnly?: boolean;
  /** Continuous columns: the most decimals a training value has (at most 6); decoded values are rounded to it. */
  readonly decimals?: number;
  /** Mixture modes (two or more) under mode-specific normalisation; absent: z-score. */
  readonly modes?: readonly GaussianMode[];
  /**
   * Training quantiles under the quantile-to-normal transform (encoder format 4): the value slot
   * holds Φ⁻¹(F(v)) and decodes through F⁻¹(Φ(z)), so draws keep the column's point masses and
   * tails and never leave the training range. Absent (older model files): z-score or modes.
   */
  readonly quantiles?: readonly number[];
}

/** A fitted categorical or boolean column: one-hot over `categories` (sorted; booleans: `false`, `true`). */
export interface CategoryEncoding {
  readonly name: string;
  readonly kind: 'categorical' | 'boolean';
  readonly missing: MissingPolicy;
  /** Classes seen in the training split, plus {@link MISSING_CATEGORY} last under the `category` policy. */
  readonly categories: readonly string[];
  /** Most frequent training class, used by the `impute` policy. */
  readonly mode: string;
}

/** How one column is turned into numbers and back; plain JSON. */
export type ColumnEncoding = NumericEncoding | CategoryEncoding;

/** Milliseconds in a day: the grid of date-only datetime columns. */
export const DAY_MS = 86_400_000;
const MAX_DECIMALS = 6;

/** Decimals written in a number (0.25 → 2), at most {@link MAX_DECIMALS}: data carry their precision. */
function decimalsOf(value: number): number {
  for (let d = 0; d < MAX_DECIMALS; d++) if (Math.abs(Math.round(value * 10 ** d) - value * 10 ** d) < 1e-6 * Math.max(1, Math.abs(value) * 10 ** d)) return d;
  return MAX_DECIMALS;
}

/**
 * Whether an encoding is one-hot (categorical or boolean) rather than numeric.
 *
 * @example
 * ```ts
 * if (isCategoryEncoding(e)) console.log(e.categories);
 * ```
 */
export function isCategoryEncoding(encoding: ColumnEncoding): encoding is CategoryEncoding {
  return encoding.kind === 'categorical' || encoding.kind === 'boolean';
}

/**
 * Fits a column's encoding on its training values (`null` = missing, already typed by `parseCell`).
 *
 * @example
 * ```ts
 * fitColumn({ name: 'x', kind: 'continuous' }, [1, 2, 3], 'drop'); // { mean: 2, std: 0.816..., ... }
 * fitColumn({ name: 'x', kind: 'continuous' }, bimodal, 'drop', 'modes'); // { ..., modes: [{ weight, mean, std }, ...] }
 * ```
 */
export function fitColumn(column: ColumnSchema, values: readonly TabularValue[], missing: MissingPolicy, continuous: ContinuousEncoding = 'standard'): ColumnEncoding {
  const present = values.filter((v): v is string | number | boolean => v !== null);
  if (present.length === 0) {
    throw new DatasetError('tabular', `column "${column.name}" has no value in the training split; drop the column or give it values`);
  }
  if (column.kind === 'categorical' || column.kind === 'boolean') {
    const counts = new Map<string, number>();
    for (const v of present) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    const categories = column.kind === 'boolean' ? ['false', 'true'] : [...counts.keys()].sort();
    let mode = categories[0];
    for (const c of categories) if ((counts.get(c) ?? 0) > (counts.get(mode) ?? 0)) mode = c;
    return { name: column.name, kind: column.kind, missing, categories: missing === 'category' ? [...categories, MISSING_CATEGORY] : categories, mode };
  }
  const numbers = present as number[];
  const mean = numbers.reduce((s, v) => s + v, 0) / numbers.length;
  const variance = numbers.reduce((s, v) => s + (v - mean) ** 2, 0) / numbers.length;
  const std = Math.sqrt(variance) || 1;
  const kind = column.kind as NumericEncoding['kind'];
  const [min, max] = numbers.reduce(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);
  const decimals = kind === 'continuous' ? numbers.reduce((most, v) => Math.max(most, decimalsOf(v)), 0) : undefined;
  const dateOnly = kind === 'datetime' ? numbers.every((v) => v % DAY_MS === 0) : undefined;
  const shape = numberShape(numbers, continuous, kind === 'integer' ? 0.5 : decimals !== undefined ? 0.5 * 10 ** -decimals : dateOnly ? DAY_MS / 2 : 0);
  const encoding: NumericEncoding = {
    name: column.name, kind, missing, mean, std, min, max,
    ...(decimals !== undefined ? { decimals } : {}),
    ...shape,
  };
  return dateOnly !== undefined ? { ...encoding, dateOnly } : encoding;
}

/** The modes or quantiles of a number column under `continuous` (`halfStep`: half the column's resolution). */
function numberShape(numbers: readonly number[], continuous: ContinuousEncoding, halfStep: number): Pick<NumericEncoding, 'modes' | 'quantiles'> {
  if (continuous === 'standard') return {};
  if (continuous === 'quantile') return { quantiles: fitQuantiles(numbers) };
  const modes = fitGaussianModes(numbers);
  if (continuous === 'auto' && (Math.abs(skewness(numbers)) > AUTO_SKEW || mixtureMisfit(modes, numbers, halfStep) > AUTO_MISFIT)) return { quantiles: fitQuantiles(numbers) };
  return modes.length > 1 ? { modes } : {};
}

/**
 * Number of slots a column takes in x or c.
 *
 * @example
 * ```ts
 * encodingWidth({ name: 's', kind: 'categorical', missing: 'drop', categories: ['a', 'b'], mode: 'a' }); // 2
 * ```
 */
export function encodingWidth(encoding: ColumnEncoding): number {
  if (isCategoryEncoding(encoding)) return encoding.categories.length;
  return 1 + modeCount(encoding) + (encoding.missing === 'category' ? 1 : 0);
}

/** Number of one-hot mode slots of a number column (0 when z-scored). */
export function modeCount(encoding: NumericEncoding): number {
  return encoding.modes?.length ?? 0;
}

/**
 * Writes one typed cell into `out` at `offset` (one-hot or z-score, plus the missing indicator).
 * A class the training split never saw, or a missing cell the policy does not allow, throws.
 *
 * @example
 * ```ts
 * encodeCell(encoding, 'Adelie', x, 4);
 * ```
 */
export function encodeCell(encoding: ColumnEncoding, value: TabularValue, out: Float32Array, offset: number): void {
  if (isCategoryEncoding(encoding)) {
    let label = value === null ? undefined : String(value);
    if (label === undefined) {
      if (encoding.missing === 'drop') throw new DatasetError('tabular', `column "${encoding.name}" is missing a value and its policy is "drop"`);
      label = encoding.missing === 'impute' ? encoding.mode : MISSING_CATEGORY;
    }
    const index = encoding.categories.indexOf(label);
    if (index < 0) {
      throw new DatasetError('tabular', `column "${encoding.name}": "${label}" is not a class seen in the training split; the classes are ${encoding.categories.join(', ')}`);
    }
    out.fill(0, offset, offset + encoding.categories.length);
    out[offset + index] = 1;
    return;
  }
  if (value === null && encoding.missing === 'drop') throw new DatasetError('tabular', `column "${encoding.name}" is missing a value and its policy is "drop"`);
  // impute and category both put the training mean in the value slot.
  const v = value === null ? encoding.mean : Number(value);
  const { modes, quantiles } = encoding;
  if (quantiles) {
    // A missing cell sits at the median (z = 0), where it disturbs the value slot least.
    out[offset] = value === null ? 0 : toNormal(quantiles, v);
  } else if (modes) {
    const k = likeliestMode(modes, v);
    out[offset] = (v - modes[k].mean) / modes[k].std;
    out.fill(0, offset + 1, offset + 1 + modes.length);
    out[offset + 1 + k] = 1;
  } else {
    out[offset] = (v - encoding.mean) / encoding.std;
  }
  if (encoding.missing === 'category') out[offset + 1 + modeCount(encoding)] = value === null ? 1 : 0;
}

/**
 * Reads one cell back from `x` at `offset`: the most likely class (argmax, so one-hot vectors,
 * probabilities and logits all work), or the un-standardised number (integers rounded, datetimes
 * as ISO strings); `null` for the missing class or a missing indicator of at least 0.5.
 *
 * @example
 * ```ts
 * decodeCell(encoding, x, 4); // 'Adelie'
 * ```
 */
export function decodeCell(encoding: ColumnEncoding, x: Float32Array, offset: number): TabularValue {
  if (isCategoryEncoding(encoding)) {
    let best = 0;
    for (let i = 1; i < encoding.categories.length; i++) if (x[offset + i] > x[offset + best]) best = i;
    const label = encoding.categories[best];
    if (label === MISSING_CATEGORY && encoding.missing === 'category') return null;
    return encoding.kind === 'boolean' ? label === 'true' : label;
  }
  if (encoding.missing === 'category' && x[offset + 1 + modeCount(encoding)] >= 0.5) return null;
  const { modes, quantiles } = encoding;
  let { mean, std } = encoding;
  if (modes) {
    let k = 0;
    for (let j = 1; j < modes.length; j++) if (x[offset + 1 + j] > x[offset + 1 + k]) k = j;
    ({ mean, std } = modes[k]);
  }
  const value = quantiles ? fromNormal(quantiles, x[offset]) : x[offset] * std + mean;
  if (encoding.kind === 'integer') return Math.round(value);
  if (encoding.decimals !== undefined) return Number(value.toFixed(encoding.decimals));
  if (encoding.kind === 'datetime') {
    if (encoding.dateOnly) return new Date(Math.round(value / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    return new Date(Math.round(value)).toISOString();
  }
  return value;
}
