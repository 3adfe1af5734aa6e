import { describe, expect, it } from 'vitest';
import { ColumnTableBuilder } from './column-table.js';
import type { ColumnSchema } from './schema.js';

const schema: ColumnSchema[] = [
  { name: 'n', kind: 'continuous' },
  { name: 'k', kind: 'categorical' },
  { name: 'b', kind: 'boolean' },
  { name: 'd', kind: 'datetime' },
];

describe('ColumnTable', () => {
  it('stores typed cells column by column and gives them back as values and records', () => {
    const builder = new ColumnTableBuilder(schema, { n: 'impute', k: 'category' });
    const rows = Array.from({ length: 3000 }, (_, i) => ({ n: i % 10 === 0 ? 'NA' : String(i / 2), k: ['x', 'y', ''][i % 3], b: i % 2 ? 'yes' : 'no', d: '2024-01-02' }));
    rows.forEach((record, row) => builder.push(record, row, (r) => `record ${r}`));
    const table = builder.finish();
    expect(table.length).toBe(3000); // grew past its first capacity (1024)
    expect(builder.dropped).toBe(0);
    expect(table.records([0, 1, 2999])).toEqual([
      { n: null, k: 'x', b: false, d: Date.UTC(2024, 0, 2) },
      { n: 0.5, k: 'y', b: true, d: Date.UTC(2024, 0, 2) },
      { n: 1499.5, k: null, b: true, d: Date.UTC(2024, 0, 2) },
    ]);
    expect(table.values(table.indexOf('k'), [2, 5])).toEqual([null, null]);
  });

  it('skips rows missing a value in a drop column, and names the place of a bad cell', () => {
    const builder = new ColumnTableBuilder(schema);
    builder.push({ n: '1', k: 'x', b: 'yes', d: '2024-01-01' }, 2, (l) => `f.csv line ${l}`);
    builder.push({ n: '', k: 'x', b: 'yes', d: '2024-01-01' }, 3, (l) => `f.csv line ${l}`);
    expect(() => builder.push({ n: 'one', k: 'x', b: 'yes', d: '2024-01-01' }, 4, (l) => `f.csv line ${l}`)).toThrow(
      /^\[cvae\] \[tabular\] f\.csv line 4, column "n" is continuous but holds "one"/,
    );
    expect(builder.dropped).toBe(1);
    expect(builder.finish().length).toBe(1);
  });
});
