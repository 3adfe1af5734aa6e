import { encodeCondition } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { MISSING_CATEGORY } from './missing.js';
import { inferSchema } from './schema.js';
import { DEFAULT_SIGMA, TabularEncoder } from './tabular-encoder.js';
import { typedRows } from './typed-rows.js';

const raw = [
  { height: '1.5', count: '3', ok: 'yes', colour: 'red', day: '2024-01-01', group: 'a' },
  { height: '2.25', count: '5', ok: 'no', colour: 'blue', day: '2024-01-03', group: 'b' },
  { height: '3', count: '4', ok: 'yes', colour: 'green', day: '2024-01-02', group: 'a' },
  { height: '0.5', count: '1', ok: 'no', colour: 'red', day: '2024-01-05', group: 'b' },
];
const schema = inferSchema(raw);
const { rows } = typedRows(raw, schema);

describe('TabularEncoder', () => {
  const encoder = TabularEncoder.fit(schema, rows, { condition: ['group'] });

  it('lays out x as z-scores and one-hots, and c as the condition attributes', () => {
    expect(encoder.xSize).toBe(1 + 1 + 2 + 3 + 1);
    expect(encoder.cSize).toBe(2);
    const { x, c } = encoder.encode(rows.slice(0, 1));
    const mean = (1.5 + 2.25 + 3 + 0.5) / 4;
    const std = Math.sqrt([1.5, 2.25, 3, 0.5].reduce((s, v) => s + (v - mean) ** 2, 0) / 4);
    expect(x[0]).toBeCloseTo((1.5 - mean) / std, 5);
    expect(Array.from(x.subarray(2, 4))).toEqual([0, 1]); // ok: false, true
    expect(Array.from(x.subarray(4, 7))).toEqual([0, 0, 1]); // colour: blue, green, red
    expect(Array.from(c)).toEqual([1, 0]);
    // c agrees with core's encodeCondition, which the CLI uses for --condition.
    expect(Array.from(encodeCondition(encoder.conditionAttributes(), { group: 'a' }))).toEqual([1, 0]);
  });

  it('round-trips: categories exactly, numbers within float tolerance, integers rounded, dates as dates', () => {
    const { x, c } = encoder.encode(rows);
    const decoded = encoder.decode(x, c);
    decoded.forEach((row, i) => {
      expect(Object.keys(row)).toEqual(Object.keys(raw[i]));
      expect(row.colour).toBe(raw[i].colour);
      expect(row.group).toBe(raw[i].group);
      expect(row.ok).toBe(raw[i].ok === 'yes');
      expect(row.count).toBe(Number(raw[i].count));
      expect(row.height as number).toBeCloseTo(Number(raw[i].height), 5);
      expect(row.day).toBe(raw[i].day);
    });
    x[1] += 0.1; // nudge the integer slot: still decodes to a whole number
    expect(Number.isInteger(encoder.decode(x, c)[0].count)).toBe(true);
    // Continuous values come back with the precision the data were written in (at most 2 decimals here).
    x[0] += 0.0123;
    const height = encoder.decode(x, c)[0].height as number;
    expect(height).not.toBe(1.5);
    expect(Math.round(height * 100) / 100).toBe(height);
  });

  it('describes x for the mixed likelihood', () => {
    expect(encoder.likelihoodGroups()).toEqual([
      { kind: 'gaussian', start: 0, size: 2, sigma: DEFAULT_SIGMA },
      { kind: 'categorical', start: 2, size: 2 },
      { kind: 'categorical', start: 4, size: 3 },
      { kind: 'gaussian', start: 7, size: 1, sigma: DEFAULT_SIGMA },
    ]);
    expect(encoder.likelihoodGroups(0.5)[0]).toMatchObject({ sigma: 0.5 });
  });

  it('gives an attributes condition spec, with class names for one categorical condition', () => {
    expect(encoder.conditionSpec()).toEqual({
      kind: 'attributes',
      names: ['group'],
      size: 2,
      attributes: [{ name: 'group', kind: 'categorical', classes: ['a', 'b'] }],
      classNames: ['a', 'b'],
    });
    const two = TabularEncoder.fit(schema, rows, { condition: ['group', 'height'] });
    expect(two.conditionSpec()).toMatchObject({ size: 3, classNames: [], names: ['group', 'height'] });
  });

  it('serialises to plain JSON and back, decoding the same', () => {
    const json = JSON.parse(JSON.stringify(encoder));
    const restored = TabularEncoder.fromJSON(json);
    const { x, c } = encoder.encode(rows);
    expect(restored.decode(x, c)).toEqual(encoder.decode(x, c));
    expect(() => TabularEncoder.fromJSON({ format: 'other' })).toThrow(/not a tabular encoder file/);
  });

  it('refuses bad condition columns and unseen classes', () => {
    expect(() => TabularEncoder.fit(schema, rows, { condition: [] })).toThrow(/condition needs at least one column/);
    expect(() => TabularEncoder.fit(schema, rows, { condition: ['nope'] })).toThrow(/"nope" is not a column/);
    expect(() => encoder.encode([{ ...rows[0], colour: 'purple' }])).toThrow(/"purple" is not a class seen in the training split/);
  });
});

describe('missing-value policies', () => {
  const withGaps = [
    { v: '1', k: 'x', g: 'a' },
    { v: 'NA', k: 'y', g: 'a' },
    { v: '3', k: '', g: 'b' },
    { v: '5', k: 'x', g: 'b' },
  ];
  const gapSchema = inferSchema(withGaps);

  it('drop (the default) removes incomplete rows', () => {
    const { rows: kept, dropped } = typedRows(withGaps, gapSchema);
    expect(kept.length).toBe(2);
    expect(dropped).toBe(2);
  });

  it('impute fills the training mean and mode', () => {
    const { rows: all } = typedRows(withGaps, gapSchema, 'impute');
    const encoder = TabularEncoder.fit(gapSchema, all, { condition: ['g'], missing: 'impute' });
    const decoded = encoder.decode(...Object.values(encoder.encode(all)) as [Float32Array, Float32Array]);
    expect(decoded[1].v).toBe(3); // mean of 1, 3, 5
    expect(decoded[2].k).toBe('x'); // mode
  });

  it('category adds a missing class and a missing indicator, decoded as null', () => {
    const { rows: all } = typedRows(withGaps, gapSchema, 'category');
    const encoder = TabularEncoder.fit(gapSchema, all, { condition: ['g'], missing: { v: 'category', k: 'category' } });
    expect(encoder.xColumns[1]).toMatchObject({ categories: ['x', 'y', MISSING_CATEGORY] });
    expect(encoder.likelihoodGroups()).toEqual([
      { kind: 'gaussian', start: 0, size: 1, sigma: DEFAULT_SIGMA },
      { kind: 'bernoulli', start: 1, size: 1 },
      { kind: 'categorical', start: 2, size: 3 },
    ]);
    const { x, c } = encoder.encode(all);
    expect(encoder.decode(x, c).map((r) => [r.v, r.k])).toEqual([
      [1, 'x'],
      [null, 'y'],
      [3, null],
      [5, 'x'],
    ]);
  });
});

describe('large columns', () => {
  it('fits a million-row column (no argument-spreading limits)', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i % 1000) / 8);
    const rows = values.map((v, i) => ({ v, g: i % 2 ? 'a' : 'b' }));
    const encoder = TabularEncoder.fit([{ name: 'v', kind: 'continuous' }, { name: 'g', kind: 'categorical' }], rows, { condition: ['g'], continuous: 'modes' });
    expect(encoder.xColumns[0]).toMatchObject({ name: 'v', decimals: 3 });
  });
});

describe('mode-specific normalisation', () => {
  // Two clusters of v (near 0 and near 100), and a missing cell kept as information.
  const bimodal = Array.from({ length: 200 }, (_, i) => ({ v: i === 7 ? 'NA' : String((i % 2 ? 100 : 0) + ((i * 37) % 11) / 10), g: i % 2 ? 'a' : 'b' }));
  const bimodalSchema = inferSchema(bimodal);
  const { rows: all } = typedRows(bimodal, bimodalSchema, 'category');
  const encoder = TabularEncoder.fit(bimodalSchema, all, { condition: ['g'], missing: { v: 'category' }, continuous: 'modes' });

  it('lays out value, mode one-hot and missing indicator, with a group for each', () => {
    expect(encoder.xSize).toBe(1 + 2 + 1);
    expect(encoder.likelihoodGroups()).toEqual([
      { kind: 'gaussian', start: 0, size: 1, sigma: DEFAULT_SIGMA },
      { kind: 'categorical', start: 1, size: 2 },
      { kind: 'bernoulli', start: 3, size: 1 },
    ]);
    const { x } = encoder.encode([all[1]]); // v = 100 + 0.4 → the upper mode
    expect(Array.from(x.subarray(1, 4))).toEqual([0, 1, 0]);
    expect(Math.abs(x[0])).toBeLessThan(3); // measured from its own mode, not from the overall mean
  });

  it('round-trips through JSON, decoding the same values (and null for the missing one)', () => {
    const restored = TabularEncoder.fromJSON(JSON.parse(JSON.stringify(encoder)));
    const { x, c } = encoder.encode(all);
    const decoded = restored.decode(x, c);
    decoded.forEach((row, i) => (all[i].v === null ? expect(row.v).toBeNull() : expect(row.v as number).toBeCloseTo(all[i].v as number, 3)));
  });

  it('keeps condition columns one z-scored slot, so they stay easy to type in', () => {
    const byValue = TabularEncoder.fit(bimodalSchema, all.filter((r) => r.v !== null), { condition: ['v'], continuous: 'modes' });
    expect(byValue.cSize).toBe(1);
  });
});
