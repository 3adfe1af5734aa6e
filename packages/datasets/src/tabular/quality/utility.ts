import { permutation, seededRandom } from '@cvae/core';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';
import { RandomForestClassifier } from 'ml-random-forest';
import { isNumericKind, type ColumnSchema } from '../schema.js';
import { cellNumber, type TabularRecord } from '../values.js';

/** Accuracy of one classifier trained on real and on synthetic rows, both tested on real held-out rows. */
export interface UtilityScore {
  readonly model: 'logistic-regression' | 'random-forest';
  /** Train on real training rows, test on real held-out rows (TRTR). */
  readonly real: number;
  /** Train on synthetic rows, test on the same real held-out rows (TSTR). */
  readonly synthetic: number;
  /** The same as balanced accuracy (mean recall over the test rows' classes), which a rare class weighs as much as a common one. */
  readonly balanced: { readonly real: number; readonly synthetic: number };
  /**
   * `real - synthetic` with its 95% interval over the test rows: a paired bootstrap ({@link GAP_RESAMPLES}
   * resamples of the test rows, each row scored by the share of classifiers that got it right). How far the
   * gap could move on other test rows from the same source: on 78 rows one row is 1.3 points.
   */
  readonly gap: { readonly value: number; readonly low: number; readonly high: number };
}

/** Machine-learning efficacy of synthetic rows for predicting `target` (the condition column). */
export interface UtilityReport {
  readonly target: string;
  /** Test rows' most frequent class share: what always guessing it scores. */
  readonly majority: number;
  readonly scores: readonly UtilityScore[];
  /** Synthetic training sets (and forest seeds) each accuracy is the mean over. */
  readonly draws: number;
  /** Rows per classifier: real, one synthetic set, test. */
  readonly rows: { readonly real: number; readonly synthetic: number; readonly test: number };
}

/**
 * Settings of the two classifiers: ml-logistic-regression (one-vs-rest, full-batch gradient
 * descent on the summed gradient, no intercept: we add a constant feature and divide the step by
 * the row count, i.e. a step of `learningRate` on the mean gradient) and ml-random-forest.
 */
export const UTILITY_MODELS = { logisticRegression: { numSteps: 1000, learningRate: 1 }, randomForest: { nEstimators: 30, seed: 0 } } as const;

/** Bootstrap resamples of the test rows behind each gap's interval. */
export const GAP_RESAMPLES = 2000;

/** Training rows per classifier, at most (real and synthetic alike). */
export const UTILITY_ROWS = 2000;

const toNumber = cellNumber;

/**
 * Features of rows for a classifier: numbers z-scored on the real training rows (missing: 0 plus
 * a 0/1 missing feature), labels one-hot over the real training rows' classes.
 */
function featurizer(schema: readonly ColumnSchema[], train: readonly TabularRecord[]): (row: TabularRecord) => number[] {
  const parts = schema.map(({ name, kind }) => {
    if (isNumericKind(kind)) {
      const values = train.map((r) => toNumber(r[name] ?? null)).filter((v): v is number => v !== undefined);
      const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
      const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, values.length)) || 1;
      return (row: TabularRecord) => {
        const v = toNumber(row[name] ?? null);
        return v === undefined ? [0, 1] : [(v - mean) / std, 0];
      };
    }
    const classes = [...new Set(train.map((r) => String(r[name] ?? '\u0000')))].sort();
    return (row: TabularRecord) => classes.map((c) => (String(row[name] ?? '\u0000') === c ? 1 : 0));
  });
  return (row) => parts.flatMap((part) => part(row));
}

function accuracy(predicted: readonly number[], truth: readonly number[]): number {
  return predicted.filter((p, i) => p === truth[i]).length / Math.max(1, truth.length);
}

function balancedAccuracy(predicted: readonly number[], truth: readonly number[]): number {
  const classes = [...new Set(truth)];
  const recall = (k: number) => truth.filter((t, i) => t === k && predicted[i] === k).length / truth.filter((t) => t === k).length;
  return classes.reduce((sum, k) => sum + recall(k), 0) / Math.max(1, classes.length);
}

/**
 * The mean of `perRow` (one paired difference per test row) and its 95% percentile interval over
 * `resamples` bootstrap resamples of the rows (seeded: the same rows give the same interval).
 *
 * @example
 * ```ts
 * bootstrapMean([1, 0, 0, -1, 1]); // { value: 0.2, low: -0.6, high: 0.8 } (about)
 * ```
 */
export function bootstrapMean(perRow: readonly number[], resamples = GAP_RESAMPLES, seed = 'utility-gap'): { value: number; low: number; high: number } {
  const n = perRow.length;
  const value = perRow.reduce((a, b) => a + b, 0) / Math.max(1, n);
  if (n === 0) return { value, low: value, high: value };
  const random = seededRandom(seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += perRow[Math.floor(random() * n)];
    means[b] = sum / n;
  }
  means.sort();
  return { value, low: means[Math.floor(0.025 * (resamples - 1))], high: means[Math.ceil(0.975 * (resamples - 1))] };
}

/**
 * Fits `model` on (features, classes) and predicts the test features; classes absent from the
 * training rows are remapped so the libraries see 0..k-1 (one class only: always that class).
 */
function fitPredict(model: UtilityScore['model'], x: number[][], y: number[], test: number[][], seed: number): number[] {
  const present = [...new Set(y)].sort((a, b) => a - b);
  if (present.length === 1) return test.map(() => present[0]);
  const local = y.map((v) => present.indexOf(v));
  let predicted: number[];
  if (model === 'logistic-regression') {
    const { numSteps, learningRate } = UTILITY_MODELS.logisticRegression;
    const lr = new LogisticRegression({ numSteps, learningRate: learningRate / x.length });
    const withIntercept = (rows: number[][]) => new Matrix(rows.map((row) => [1, ...row]));
    lr.train(withIntercept(x), Matrix.columnVector(local));
    predicted = lr.predict(withIntercept(test));
  } else {
    // sqrt(features) per tree, the usual choice for classification forests (and what keeps one-hot-wide tables fast).
    const rf = new RandomForestClassifier({ ...UTILITY_MODELS.randomForest, seed: UTILITY_MODELS.randomForest.seed + seed, maxFeatures: Math.max(1, Math.round(Math.sqrt(x[0].length))) });
    rf.train(x, local);
    predicted = rf.predict(test);
  }
  return predicted.map((p) => present[Math.round(p)]);
}

/**
 * Train-on-synthetic / test-on-real against train-on-real / test-on-real for the `target` column,
 * with logistic regression (ml-logistic-regression) and a random forest (ml-random-forest), on
 * the other columns as features. With `draws` > 1, `synthetic` holds that many synthetic training
 * sets one after the other, and each accuracy is the mean over them: the forest on set k and the
 * forest on the real rows both grow from seed k (on cars' 78 test rows one draw and one forest
 * move the accuracy by ±5 points); logistic regression is deterministic, so its real figure is one fit.
 *
 * @example
 * ```ts
 * const utility = utilityReport(adapter.rows('train'), synthetic, adapter.rows('test'), encoder.schema, 'Species');
 * utility.scores; // [{ model: 'logistic-regression', real: 0.97, synthetic: 0.95 }, ...]
 * ```
 */
export function utilityReport(
  train: readonly TabularRecord[],
  synthetic: readonly TabularRecord[],
  test: readonly TabularRecord[],
  schema: readonly ColumnSchema[],
  target: string,
  maxTrainingRows = UTILITY_ROWS,
  draws = 1,
): UtilityReport {
  if (!Number.isInteger(draws) || draws < 1 || synthetic.length % draws !== 0) {
    throw new RangeError(`utilityReport: draws must be a whole number >= 1 that divides the ${synthetic.length} synthetic rows, found ${draws}`);
  }
  const features = schema.filter((c) => c.name !== target);
  const featurize = featurizer(features, train);
  const classes = [...new Set(train.map((r) => String(r[target])))].sort();
  const label = (row: TabularRecord) => classes.indexOf(String(row[target]));
  const usable = (rows: readonly TabularRecord[]) => rows.filter((r) => label(r) >= 0);
  // The forests grow slowly past a few thousand rows: both training sets are cut to the same seeded subset size.
  const cut = (rows: readonly TabularRecord[], tag: string) =>
    rows.length <= maxTrainingRows ? rows : Array.from(permutation(rows.length, seededRandom(`utility-${tag}`)).slice(0, maxTrainingRows), (i) => rows[i]);
  const block = synthetic.length / draws;
  const sets = Array.from({ length: draws }, (_, k) => cut(usable(synthetic.slice(k * block, (k + 1) * block)), 'synthetic'));
  const [tr, te] = [cut(usable(train), 'real'), usable(test)];
  const [realX, realY] = [tr.map(featurize), tr.map(label)];
  const testX = te.map(featurize);
  const testY = te.map(label);
  const counts = classes.map((_, k) => testY.filter((y) => y === k).length);
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const scores = (['logistic-regression', 'random-forest'] as const).map((model) => {
    const seeds = model === 'random-forest' ? sets.map((_, k) => k) : [0];
    const onReal = seeds.map((k) => fitPredict(model, realX, realY, testX, k));
    const onSynthetic = sets.map((rows, k) => fitPredict(model, rows.map(featurize), rows.map(label), testX, k));
    // Per test row: the share of real-trained minus the share of synthetic-trained classifiers that got it right.
    const rightShare = (predictions: number[][], i: number) => mean(predictions.map((p) => Number(p[i] === testY[i])));
    const perRow = testY.map((_, i) => rightShare(onReal, i) - rightShare(onSynthetic, i));
    return {
      model,
      real: mean(onReal.map((p) => accuracy(p, testY))),
      synthetic: mean(onSynthetic.map((p) => accuracy(p, testY))),
      balanced: { real: mean(onReal.map((p) => balancedAccuracy(p, testY))), synthetic: mean(onSynthetic.map((p) => balancedAccuracy(p, testY))) },
      gap: bootstrapMean(perRow),
    };
  });
  return { target, majority: Math.max(...counts) / Math.max(1, te.length), scores, draws, rows: { real: tr.length, synthetic: sets[0].length, test: te.length } };
}
