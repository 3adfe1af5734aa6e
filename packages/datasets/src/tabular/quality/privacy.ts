import { permutation, seededRandom } from '@cvae/core';
import { isNumericKind, type ColumnSchema } from '../schema.js';
import { cellNumber, type TabularRecord } from '../values.js';

/**
 * Privacy evidence of synthetic rows, from distances to the closest record (DCR) under the Gower
 * distance: the mean over columns of |a - b| / (training range) for numbers and datetimes, 0/1
 * for unequal labels, 0 when both cells are missing and 1 when one is.
 */
export interface PrivacyReport {
  readonly distance: 'gower';
  /** Rows compared: synthetic, training (a random subset of the holdout's size), holdout. */
  readonly rows: { readonly synthetic: number; readonly training: number; readonly holdout: number };
  /**
   * SDMetrics' DCR share (DCROverfittingProtection): the share of synthetic rows closer to the
   * training rows than to the holdout rows (ties count half), training subsampled to the holdout's
   * size, the mean over {@link DCR_SUBSAMPLES} picks (`dcrShares`). 0.5: the model is no closer to what it saw than to
   * fresh rows; near 1: it copies.
   */
  readonly dcrShare: number;
  /** The DCR share against each training subsample (one when training is no larger than the holdout): its spread. */
  readonly dcrShares: readonly number[];
  /** Median DCR of synthetic rows to training, and of holdout rows to training (the natural spacing). */
  readonly medianDcr: { readonly synthetic: number; readonly holdout: number };
  /** Median nearest-neighbour distance ratio (closest / second closest training row): near 0 means a row sits on one record. */
  readonly medianNndr: { readonly synthetic: number; readonly holdout: number };
  /** Rows identical to a training row (distance 0): synthetic, and holdout rows by chance, with their shares. */
  readonly exactCopies: { readonly synthetic: number; readonly syntheticShare: number; readonly holdout: number; readonly holdoutShare: number };
}

/** A distance between two records (0 = equal), as `gowerDistance` returns it. */
export type Distance = (a: TabularRecord, b: TabularRecord) => number;

/** Rows as numbers for the Gower distance: per column a number divided by its training range, or a label's code; NaN where missing. */
interface GowerEncoding {
  /** 1 for a number column, 0 for a label column. */
  readonly numeric: Uint8Array;
  encode(row: TabularRecord): Float64Array;
}

/**
 * Encodes once what every pair would otherwise re-read (a date's text parsed per pair made the
 * privacy report take minutes on birdstrikes): numbers scaled by the range in `reference`, labels
 * as codes in order of first sight.
 */
function gowerEncoding(schema: readonly ColumnSchema[], reference: readonly TabularRecord[]): GowerEncoding {
  const columns = schema.map(({ name, kind }): ((row: TabularRecord) => number) => {
    if (!isNumericKind(kind)) {
      const codes = new Map<string, number>();
      return (row) => {
        const value = row[name];
        if (value === null || value === undefined) return Number.NaN;
        const key = String(value);
        let code = codes.get(key);
        if (code === undefined) codes.set(key, (code = codes.size));
        return code;
      };
    }
    let [lo, hi] = [Infinity, -Infinity];
    for (const row of reference) {
      const v = cellNumber(row[name] ?? null);
      if (v !== undefined) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
    const range = hi > lo ? hi - lo : 1;
    return (row) => (cellNumber(row[name] ?? null) ?? Number.NaN) / range;
  });
  return {
    numeric: Uint8Array.from(schema, ({ kind }) => (isNumericKind(kind) ? 1 : 0)),
    encode: (row) => Float64Array.from(columns, (value) => value(row)),
  };
}

/** The Gower distance between two encoded rows: a missing cell is 0 from another missing one and 1 from a value. */
function gowerBetween(a: Float64Array, b: Float64Array, numeric: Uint8Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) {
    const [x, y] = [a[j], b[j]];
    if (Number.isNaN(x) || Number.isNaN(y)) sum += Number.isNaN(x) && Number.isNaN(y) ? 0 : 1;
    else if (numeric[j] === 1) sum += Math.min(1, Math.abs(x - y));
    else sum += x === y ? 0 : 1;
  }
  return sum / Math.max(1, a.length);
}

/**
 * The Gower distance over `schema`'s columns, numbers scaled by their range in `reference`.
 *
 * @example
 * ```ts
 * const d = gowerDistance(schema, trainRows);
 * d(rowA, rowB); // in [0, 1]
 * ```
 */
export function gowerDistance(schema: readonly ColumnSchema[], reference: readonly TabularRecord[]): Distance {
  const { numeric, encode } = gowerEncoding(schema, reference);
  return (a, b) => gowerBetween(encode(a), encode(b), numeric);
}

/** The closest and second closest distance from `row` to `rows` (all encoded). */
function nearestTwo(row: Float64Array, rows: readonly Float64Array[], numeric: Uint8Array): [number, number] {
  let [first, second] = [Infinity, Infinity];
  for (const other of rows) {
    const d = gowerBetween(row, other, numeric);
    if (d < first) [first, second] = [d, first];
    else if (d < second) second = d;
  }
  return [first, second];
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const EPSILON = 1e-12;

/**
 * Training subsamples the DCR share is averaged over (SDMetrics' `num_iterations`): on cars (78
 * holdout rows) one subsample moves the share by ±0.04 (0.573-0.656 over ten picks for one draw).
 */
export const DCR_SUBSAMPLES = 5;

/**
 * Distance-to-closest-record privacy report of `synthetic` rows against the `training` rows the
 * model saw and `holdout` rows it never saw (SDMetrics' DCR definitions, Gower distance). Training
 * is subsampled (seeded) to the holdout's size so that 0.5 is the ideal DCR share, and the share is
 * the mean over `subsamples` such picks (when training has more rows than the holdout); the
 * medians are those of the first pick.
 *
 * @example
 * ```ts
 * const privacy = privacyReport(synthetic, adapter.rows('train'), adapter.rows('test'), encoder.schema);
 * privacy.dcrShare; // e.g. 0.52
 * ```
 */
export function privacyReport(
  synthetic: readonly TabularRecord[],
  training: readonly TabularRecord[],
  holdout: readonly TabularRecord[],
  schema: readonly ColumnSchema[],
  seed = 0,
  subsamples = DCR_SUBSAMPLES,
): PrivacyReport {
  const { numeric, encode } = gowerEncoding(schema, training);
  const size = Math.min(training.length, holdout.length);
  const pick = (rows: readonly Float64Array[], tag: string) =>
    rows.length <= size ? rows : Array.from(permutation(rows.length, seededRandom(`${seed}:privacy-${tag}`)).slice(0, size), (i) => rows[i]);
  const [allTraining, synthetics] = [training.map(encode), synthetic.map(encode)];
  // Pick 0 keeps the seed's earlier tag, so its medians are the single-pick report's.
  const picks = Array.from({ length: training.length > size ? subsamples : 1 }, (_, k) => pick(allTraining, k === 0 ? 'train' : `train-${k}`));
  const [train, hold] = [picks[0], pick(holdout.map(encode), 'holdout')];
  const toHold = synthetics.map((row) => nearestTwo(row, hold, numeric)[0]);
  const [syntheticDcr, syntheticNndr] = [[] as number[], [] as number[]];
  const dcrShares = picks.map((rows, k) => {
    let closerToTraining = 0;
    synthetics.forEach((row, i) => {
      const [toTrain, secondTrain] = nearestTwo(row, rows, numeric);
      closerToTraining += toTrain < toHold[i] - EPSILON ? 1 : Math.abs(toTrain - toHold[i]) <= EPSILON ? 0.5 : 0;
      if (k > 0) return;
      syntheticDcr.push(toTrain);
      syntheticNndr.push(secondTrain > 0 ? toTrain / secondTrain : 0);
    });
    return closerToTraining / Math.max(1, synthetic.length);
  });
  const isCopy = (row: Float64Array) => allTraining.some((other) => gowerBetween(row, other, numeric) <= EPSILON);
  // Copies are counted against every training row, not the subsample.
  const syntheticCopies = synthetics.filter(isCopy).length;
  const [holdDcr, holdNndr] = [[] as number[], [] as number[]];
  let holdCopies = 0;
  for (const row of hold) {
    const [d, second] = nearestTwo(row, train, numeric);
    holdDcr.push(d);
    holdNndr.push(second > 0 ? d / second : 0);
    if (isCopy(row)) holdCopies++;
  }
  return {
    distance: 'gower',
    rows: { synthetic: synthetic.length, training: train.length, holdout: hold.length },
    dcrShare: dcrShares.reduce((sum, share) => sum + share, 0) / dcrShares.length,
    dcrShares,
    medianDcr: { synthetic: median(syntheticDcr), holdout: median(holdDcr) },
    medianNndr: { synthetic: median(syntheticNndr), holdout: median(holdNndr) },
    exactCopies: { synthetic: syntheticCopies, syntheticShare: syntheticCopies / Math.max(1, synthetic.length), holdout: holdCopies, holdoutShare: holdCopies / Math.max(1, hold.length) },
  };
}
