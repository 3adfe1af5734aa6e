import { describe, expect, it } from 'vitest';
import { IncompleteRows } from './incomplete-rows.js';
import { inferSchema } from './schema.js';
import { TabularEncoder } from './tabular-encoder.js';
import { typedRows } from './typed-rows.js';

const raw = [
  { height: '1.5', count: '3', ok: 'yes', colour: 'red', day: '2024-01-01', group: 'a' },
  { height: '2.25', count: '5', ok: 'no', colour: 'blue', day: '2024-01-03', group: 'b' },
  { height: '3', count: '4', ok: 'yes', colour: '', day: '2024-01-02', group: 'a' },
  { height: '0.5', count: '1', ok: 'no', colour: 'red', day: '2024-01-05', group: 'b' },
];
const schema = inferSchema(raw);
const { rows } = typedRows(raw, schema);
const header = Object.keys(raw[0]);
// colour keeps its missing values as a class: an empty cell to impute must still get a real colour.
const encoder = TabularEncoder.fit(schema, rows, { condition: ['group'], missing: { colour: 'category' } });

describe('IncompleteRows', () => {
  const incomplete = new IncompleteRows(encoder, header, 'in.csv');

  it('marks the slots of empty cells unobserved, whatever the training missing-value policy', () => {
    const row = incomplete.encode({ height: '', count: '2', ok: 'YES', colour: '', day: '2024-01-02', group: 'b' }, 'in.csv line 2');
    expect(row.missing).toEqual(['height', 'colour']);
    expect(row.observed.length).toBe(encoder.xSize);
    // x: height(1) count(1) ok(2) colour(blue, red, (missing)) day(1)
    expect(Array.from(row.observed)).toEqual([0, 1, 1, 1, 0, 0, 0, 1]);
    expect(Array.from(row.c)).toEqual([0, 1]);
  });

  it('writes filled cells in the training spelling and keeps given cells as written', () => {
    incomplete.encode({ height: '1', count: '1', ok: 'YES', colour: 'red', day: '2024-01-01', group: 'a' }, 'line');
    const record = { height: '', count: '', ok: '', colour: '', day: '', group: 'a' };
    const draw = new Float32Array(encoder.xSize);
    // height 0.7 std above its mean, count 0.3, ok = true, colour = the (missing) class, day at the mean.
    draw.set([0.7, 0.3, 0, 1, 0, 0, 1, 0]);
    const mean = new Float32Array(encoder.xSize);
    mean.set([0, 0, 0.2, 0.8, 0.3, 0.6, 0.1, 0]);
    const cells = incomplete.complete(record, draw, mean);
    const { mean: m, std: sd } = encoder.xColumns[0] as { mean: number; std: number };
    expect(cells[0]).toBe((m + 0.7 * sd).toFixed(2)); // two decimals, as 2.25 had
    expect(cells[1]).toMatch(/^\d+$/);
    expect(cells[2]).toBe('YES'); // the input file's own spelling of true
    expect(cells[3]).toBe('red'); // the draw was "(missing)": the likeliest real class of the mean instead
    expect(cells[4]).toMatch(/^2024-01-0\d$/); // date-only column stays a date
    expect(cells[5]).toBe('a');
  });

  it('refuses unknown and absent columns, unseen classes and an empty condition, naming the place', () => {
    expect(() => new IncompleteRows(encoder, [...header, 'size'], 'in.csv')).toThrow(/in\.csv line 1: unknown column "size"; .*fix: remove or rename it/);
    expect(() => new IncompleteRows(encoder, header.slice(1), 'in.csv')).toThrow(/in\.csv line 1: the model's column "height" is not in the header; fix: add it/);
    const base = { height: '1', count: '1', ok: 'no', colour: 'red', day: '2024-01-01', group: 'a' };
    expect(() => incomplete.encode({ ...base, colour: 'purple' }, 'in.csv line 9')).toThrow(/in\.csv line 9: column "colour" holds "purple", a class the training split never had; the classes are blue, red; fix:/);
    expect(() => incomplete.encode({ ...base, group: '' }, 'in.csv line 4')).toThrow(/in\.csv line 4: condition column "group" is empty/);
    expect(() => incomplete.encode({ ...base, count: 'many' }, 'in.csv line 5')).toThrow(/in\.csv line 5: column "count" is integer but holds "many"/);
  });
});
