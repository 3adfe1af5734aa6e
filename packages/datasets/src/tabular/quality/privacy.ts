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

const toNumber = cellNumber;

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
  const parts = schema.map(({ name, kind }) => {
    if (!isNumericKind(kind)) return (a: TabularRecord, b: TabularRecord) => (String(a[name] ?? '\u0000') === String(b[name] ?? '\u0000') ? 0 : 1);
    let [lo, hi] = [Infinity, -Infinity];
    for (const row of reference) {
      const v = toNumber(row[name] ?? null);
      if (v !== undefined) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
    const range = hi > lo ? hi - lo : 1;
    return (a: TabularRecord, b: TabularRecord) => {
      const [x, y] = [toNumber(a[name] ?? null), toNumber(b[name] ?? null)];
      if (x === undefined || y === undefined) return x === y ? 0 : 1;
      return Math.min(1, Math.abs(x - y) / range);
    };
  });
  return (a, b) => parts.reduce((sum, part) => sum + part(a, b), 0) / Math.max(1, parts.length);
}

/** The closest and second closest distance from `row` to `rows`. */
function nearestTwo(row: TabularRecord, rows: readonly TabularRecord[], distance: Distance): [number, number] {
  let [first, second] = [Infinity, Infinity];
  for (const other of rows) {
    const d = distance(row, other);
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
  const distance = gowerDistance(schema, training);
  const size = Math.min(training.length, holdout.length);
  const pick = (rows: readonly TabularRecord[], tag: string) =>
    rows.length <= size ? rows : Array.from(permutation(rows.length, seededRandom(`${seed}:privacy-${tag}`)).slice(0, size), (i) => rows[i]);
  // Pick 0 keeps the seed's earlier tag, so its medians are the single-pick report's.
  const picks = Array.from({ length: training.length > size ? subsamples : 1 }, (_, k) => pick(training, k === 0 ? 'train' : `train-${k}`));
  const [train, hold] = [picks[0], pick(holdout, 'holdout')];
  const toHold = synthetic.map((row) => nearestTwo(row, hold, distance)[0]);
  const [syntheticDcr, syntheticNndr] = [[] as number[], [] as number[]];
  const dcrShares = picks.map((rows, k) => {
    let closerToTraining = 0;
    synthetic.forEach((row, i) => {
      const [toTrain, secondTrain] = nearestTwo(row, rows, distance);
      closerToTraining += toTrain < toHold[i] - EPSILON ? 1 : Math.abs(toTrain - toHold[i]) <= EPSILON ? 0.5 : 0;
      if (k > 0) return;
      syntheticDcr.push(toTrain);
      syntheticNndr.push(secondTrain > 0 ? toTrain / secondTrain : 0);
    });
    return closerToTraining / Math.max(1, synthetic.length);
  });
  let syntheticCopies = 0;
  // Copies are counted against every training row, not the subsample.
  for (const row of synthetic) if (training.some((other) => distance(row, other) <= EPSILON)) syntheticCopies++;
  const [holdDcr, holdNndr] = [[] as number[], [] as number[]];
  let holdCopies = 0;
  for (const row of hold) {
    const [d, second] = nearestTwo(row, train, distance);
    holdDcr.push(d);
    holdNndr.push(second > 0 ? d / second : 0);
    if (training.some((other) => distance(row, other) <= EPSILON)) holdCopies++;
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
