import { describe, expect, it } from 'vitest';
import { vegaRecords } from '../../../test/vega-data.js';
import { fromJsonRecords } from '../json-records.js';
import { inferSchema, type ColumnSchema } from '../schema.js';
import { splitRows } from '../split.js';
import { typedRows } from '../typed-rows.js';
import { independentDraws } from './baselines.js';
import { gowerDistance, privacyReport } from './privacy.js';
import { bootstrapMean, utilityReport } from './utility.js';

const schema: ColumnSchema[] = [
  { name: 'a', kind: 'continuous' },
  { name: 'k', kind: 'categorical' },
];

describe('Gower distance', () => {
  it('averages range-scaled number gaps and label mismatches (hand-checked)', () => {
    const d = gowerDistance(schema, [{ a: 0, k: 'x' }, { a: 10, k: 'y' }]);
    expect(d({ a: 2, k: 'x' }, { a: 7, k: 'x' })).toBeCloseTo(0.25, 12); // (5/10 + 0) / 2
    expect(d({ a: 2, k: 'x' }, { a: 2, k: 'y' })).toBeCloseTo(0.5, 12);
    expect(d({ a: null, k: 'x' }, { a: null, k: 'x' })).toBe(0);
    expect(d({ a: null, k: 'x' }, { a: 3, k: 'x' })).toBe(0.5);
  });
});

describe('privacy and utility on penguins', () => {
  const records = fromJsonRecords(vegaRecords('penguins.json'));
  const full = inferSchema(records);
  const rows = typedRows(records, full).rows;
  const { train, test } = splitRows(rows.length, 0.2, 0);
  const [training, holdout] = [Array.from(train, (i) => rows[i]), Array.from(test, (i) => rows[i])];
  const modelled = full.filter((c) => c.kind !== 'identifier');

  it('flags copies: training rows as "synthetic" sit on training records (DCR share 1, every row a copy), fresh rows do not', () => {
    const copies = privacyReport(training, training, holdout, modelled, 0);
    expect(copies.exactCopies.syntheticShare).toBe(1);
    expect(copies.dcrShare).toBeGreaterThan(0.55); // the subsample of training at the holdout's size catches a share of them exactly
    expect(copies.medianDcr.synthetic).toBeLessThan(copies.medianDcr.holdout);
    // Holdout rows measured as if synthetic: no closer to training than to themselves' peers.
    const fresh = privacyReport(holdout, training, holdout, modelled, 0);
    expect(fresh.dcrShare).toBeLessThan(0.1); // each holdout row is at distance 0 of itself in the holdout
    const independent = privacyReport(independentDraws(training, 300, 1, modelled.map((c) => c.name)), training, holdout, modelled, 0);
    expect(independent.dcrShare).toBeGreaterThan(0.35);
    expect(independent.dcrShare).toBeLessThan(0.65);
    expect(independent.exactCopies.synthetic).toBe(0);
  });

  it('averages the DCR share over training subsamples: the first is the single-pick report, the medians are its', () => {
    const synthetic = independentDraws(training, 400, 3, modelled.map((c) => c.name));
    const one = privacyReport(synthetic, training, holdout, modelled, 7, 1);
    const five = privacyReport(synthetic, training, holdout, modelled, 7);
    expect(five.dcrShares).toHaveLength(5);
    expect(new Set(five.dcrShares).size).toBeGreaterThan(1); // other picks, other shares
    expect(five.dcrShares[0]).toBe(one.dcrShare);
    expect(five.dcrShare).toBeCloseTo(five.dcrShares.reduce((a, b) => a + b, 0) / 5, 12);
    expect([five.medianDcr, five.medianNndr, five.exactCopies]).toEqual([one.medianDcr, one.medianNndr, one.exactCopies]);
    // A training set no larger than the holdout is used whole: one pick.
    expect(privacyReport(synthetic, holdout, training, modelled, 7).dcrShares).toHaveLength(1);
  });

  it('scores classifiers trained on real rows; rows that ignore the target score near the majority class', () => {
    const real = utilityReport(training, training, holdout, modelled, 'Species');
    for (const s of real.scores) {
      expect(s.real, s.model).toBeGreaterThan(0.9);
      expect(s.synthetic, s.model).toBe(s.real); // same rows, same seed: the same classifier
    }
    const noise = utilityReport(training, independentDraws(training, training.length, 2, modelled.map((c) => c.name)), holdout, modelled, 'Species');
    for (const s of noise.scores) expect(s.synthetic, s.model).toBeLessThan(0.7);
    // The gap is real minus synthetic, inside its interval; the same classifier on both sides differs on no row.
    for (const s of [...real.scores, ...noise.scores]) {
      expect(s.gap.value, s.model).toBeCloseTo(s.real - s.synthetic, 12);
      expect(s.gap.low).toBeLessThanOrEqual(s.gap.value);
      expect(s.gap.high).toBeGreaterThanOrEqual(s.gap.value);
    }
    for (const s of real.scores) expect([s.gap.low, s.gap.high]).toEqual([0, 0]);
    for (const s of noise.scores) expect(s.gap.low, s.model).toBeGreaterThan(0.1); // far worse on any resample of the test rows
    expect(noise.majority).toBeGreaterThan(0.3);
  });

  it('bootstraps a 95% interval of a mean as wide as the normal approximation says', () => {
    // 300 paired differences: a third -1, a third 0, a third +1 -> mean 0, sd sqrt(2/3), half-width 1.96 sd / sqrt(300).
    const perRow = Array.from({ length: 300 }, (_, i) => (i % 3) - 1);
    const { value, low, high } = bootstrapMean(perRow);
    expect(value).toBe(0);
    const halfWidth = (1.96 * Math.sqrt(2 / 3)) / Math.sqrt(300);
    expect(-low).toBeGreaterThan(0.85 * halfWidth);
    expect(-low).toBeLessThan(1.15 * halfWidth);
    expect(high).toBeGreaterThan(0.85 * halfWidth);
    expect(high).toBeLessThan(1.15 * halfWidth);
    expect(bootstrapMean(perRow)).toEqual({ value, low, high }); // seeded
    expect(bootstrapMean([])).toEqual({ value: 0, low: 0, high: 0 });
  });

  it('averages over synthetic training sets: logistic regression scores the mean of its fits on each set', () => {
    const names = modelled.map((c) => c.name);
    const [a, b] = [training, independentDraws(training, training.length, 4, names)];
    const both = utilityReport(training, [...a, ...b], holdout, modelled, 'Species', 2000, 2);
    const [onA, onB] = [a, b].map((set) => utilityReport(training, set, holdout, modelled, 'Species'));
    expect(both.draws).toBe(2);
    expect(both.rows.synthetic).toBe(training.length);
    expect(both.scores[0].synthetic).toBeCloseTo((onA.scores[0].synthetic + onB.scores[0].synthetic) / 2, 12);
    expect(both.scores[0].real).toBe(onA.scores[0].real);
    expect(() => utilityReport(training, [...a, ...b, b[0]], holdout, modelled, 'Species', 2000, 2)).toThrow(/draws must be a whole number >= 1 that divides the \d+ synthetic rows, found 2/);
  });
});
