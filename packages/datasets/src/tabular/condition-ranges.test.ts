import { describe, expect, it } from 'vitest';
import { fitConditionRanges, rangesFor } from './condition-ranges.js';
import { clampRanges, inConditionRanges, resolveConstraints } from './constraints.js';
import { TabularAdapter } from './tabular-adapter.js';
import { tabularDescriptor, TABULAR_ENCODER_FILE } from './tabular-descriptor.js';
import { TabularEncoder } from './tabular-encoder.js';
import type { TabularRecord } from './values.js';

// Two origins: European engines 90..150 (4 cars), American 200..400 (5 cars); one lone Japanese car.
const rows: TabularRecord[] = [
  ...[90, 110, 130, 150].map((d, i) => ({ origin: 'Europe', displacement: d, mpg: 30.1 + i })),
  ...[200, 250, 300, 350, 400].map((d) => ({ origin: 'USA', displacement: d, mpg: 15.5 })),
  { origin: 'Japan', displacement: 100, mpg: 35 },
];
const schema = [
  { name: 'origin', kind: 'categorical' as const },
  { name: 'displacement', kind: 'integer' as const },
  { name: 'mpg', kind: 'continuous' as const },
];

describe('condition ranges', () => {
  it('are each condition value\'s training range widened by one spacing, snapped outward to the column\'s grid', () => {
    const encoder = TabularEncoder.fit(schema, rows, { condition: ['origin'] });
    const ranges = encoder.conditionRanges!;
    expect(ranges.columns).toEqual(['origin']);
    // Europe: 90..150 over 4 values, spacing 20 -> 70..170; mpg 30.1..33.1, spacing 1 -> 29.1..34.1.
    expect(rangesFor({ origin: 'Europe' }, ranges)).toEqual({ displacement: [70, 170], mpg: [29.1, 34.1] });
    // USA: 200..400 over 5, spacing 50 -> 150..450; a constant column gets its one value.
    expect(rangesFor({ origin: 'USA' }, ranges)).toEqual({ displacement: [150, 450], mpg: [15.5, 15.5] });
    // One row: no range (it says nothing about the spread).
    expect(rangesFor({ origin: 'Japan' }, ranges)).toBeUndefined();
    // Kept in the encoder file.
    expect(TabularEncoder.fromJSON(JSON.parse(JSON.stringify(encoder.toJSON()))).conditionRanges).toEqual(ranges);
  });

  it('snap 1/3 spacings outward: integers to whole numbers, decimals to the column\'s decimals', () => {
    const ranges = fitConditionRanges(
      [
        { name: 'n', kind: 'integer', missing: 'drop', mean: 0, std: 1 },
        { name: 'v', kind: 'continuous', missing: 'drop', mean: 0, std: 1, decimals: 1 },
      ],
      ['k'],
      (name) => ({ k: ['a', 'a', 'a', 'a'], n: [0, 1, 1, 1], v: [0.1, 0.2, 0.2, 0.2] })[name]!,
    )!;
    // spacing 1/3: n -> [-0.33, 1.33] -> [-1, 2]; v spacing 0.0333 -> [0.0667, 0.2333] -> [0, 0.3]
    expect(ranges.byValue['["a"]']).toEqual({ n: [-1, 2], v: [0, 0.3] });
  });

  it('leave out a long-tailed column (|skewness| above 2): its largest value says little about the next', () => {
    const tail = [1, 1, 1, 1, 1, 1, 1, 1, 1, 50]; // skewness 2.67
    const ranges = fitConditionRanges(
      [
        { name: 'gross', kind: 'continuous', missing: 'drop', mean: 0, std: 1 },
        { name: 'n', kind: 'integer', missing: 'drop', mean: 0, std: 1 },
      ],
      ['k'],
      (name) => ({ k: tail.map(() => 'a'), gross: tail, n: tail.map((_, i) => i) })[name]!,
    )!;
    expect(Object.keys(ranges.byValue['["a"]'])).toEqual(['n']);
  });

  it('snap dates to whole days, so a clamped date written as YYYY-MM-DD stays in its range', () => {
    const day = 86_400_000;
    const dates = ['2020-01-01', '2020-01-04', '2020-01-08'].map((d) => Date.parse(d)); // spacing 3.5 days
    const ranges = fitConditionRanges([{ name: 'when', kind: 'datetime', missing: 'drop', mean: 0, std: 1, dateOnly: true }], ['k'], (name) => ({ k: ['a', 'a', 'a'], when: dates })[name]!)!;
    const [lo, hi] = ranges.byValue['["a"]'].when;
    expect([(lo - dates[0]) / day, (hi - dates[2]) / day]).toEqual([-4, 4]);
  });

  it('treat a column named like an Object property as a plain column, also read back from the encoder file', () => {
    // `constructor` long-tailed (one 50 among 1s: no ranges); `__proto__` an ordinary column (a computed key: an own property).
    const odd = rows.map((r, i) => ({ ...r, constructor: i === 9 ? 50 : 1, ['__proto__']: i })) as unknown as TabularRecord[];
    const fitted = TabularEncoder.fit([...schema, { name: 'constructor', kind: 'integer' }, { name: '__proto__', kind: 'integer' }], odd, { condition: ['origin'] });
    const encoder = TabularEncoder.fromJSON(JSON.parse(JSON.stringify(fitted.toJSON())));
    const europe = rangesFor({ origin: 'Europe' }, encoder.conditionRanges!)!;
    expect(Object.keys(europe).sort()).toEqual(['__proto__', 'displacement', 'mpg']);
    // Europe has no range of its own for `constructor`: Object.prototype.constructor must not stand in for one.
    const row = { origin: 'Europe', displacement: 100, mpg: 31, constructor: 1 } as TabularRecord;
    expect(clampRanges(row, resolveConstraints(encoder)).constructor).toBe(1);
    expect(inConditionRanges(row, resolveConstraints(encoder))).toBe(true);
  });

  it('do not make a model saved before them fail the check that the CSV is the training one', async () => {
    const adapter = new TabularAdapter({ records: rows, condition: ['origin'] });
    await adapter.load();
    const { conditionRanges: _dropped, ...older } = adapter.encoder.toJSON();
    expect(() => tabularDescriptor.verify!(adapter, { [TABULAR_ENCODER_FILE]: JSON.stringify(older) })).not.toThrow();
    expect(() => tabularDescriptor.verify!(adapter, { [TABULAR_ENCODER_FILE]: JSON.stringify(adapter.encoder) })).not.toThrow();
    const otherRanges = { ...adapter.encoder.toJSON(), conditionRanges: { columns: ['origin'], byValue: {} } };
    expect(() => tabularDescriptor.verify!(adapter, { [TABULAR_ENCODER_FILE]: JSON.stringify(otherRanges) })).toThrow(/encodes differently/);
  });

  it('are no constraint without a categorical condition column', () => {
    const encoder = TabularEncoder.fit(schema, rows, { condition: ['mpg'] });
    expect(encoder.conditionRanges).toBeUndefined();
  });

  it('flag a row outside its value\'s range, skip given columns, clamp inside both ranges, and can be turned off', () => {
    const encoder = TabularEncoder.fit(schema, rows, { condition: ['origin'] });
    const resolved = resolveConstraints(encoder);
    const bigEuropean = { origin: 'Europe', displacement: 350, mpg: 31 };
    expect(inConditionRanges(bigEuropean, resolved)).toBe(false);
    expect(inConditionRanges({ ...bigEuropean, origin: 'USA', mpg: 15.5 }, resolved)).toBe(true);
    expect(inConditionRanges(bigEuropean, resolved, new Set(['displacement']))).toBe(true);
    expect(inConditionRanges({ origin: 'Japan', displacement: 400, mpg: 10 }, resolved)).toBe(true); // no ranges for a lone value
    expect(clampRanges(bigEuropean, resolved)).toEqual({ origin: 'Europe', displacement: 170, mpg: 31 });
    expect(clampRanges(bigEuropean, resolved, new Set(['displacement'])).displacement).toBe(350);
    expect(inConditionRanges(bigEuropean, resolveConstraints(encoder, { noConditionRanges: true }))).toBe(true);
    expect(inConditionRanges(bigEuropean, resolveConstraints(encoder, { noTrainingRanges: true }))).toBe(true);
    // A user's range for a column replaces the training ones, per value too.
    expect(inConditionRanges(bigEuropean, resolveConstraints(encoder, { ranges: { displacement: [0, 500] } }))).toBe(true);
  });
});
