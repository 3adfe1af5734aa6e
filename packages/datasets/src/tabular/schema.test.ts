import { describe, expect, it } from 'vitest';
import { fromJsonRecords } from './json-records.js';
import { inferSchema, parseCell } from './schema.js';
import { asEpochMs, isMissing } from './values.js';

describe('inferSchema', () => {
  const records = [
    { c: '1.5', i: '3', b: 'yes', k: 'red', d: '2024-01-31', z: '0' },
    { c: '2', i: '-4', b: 'No', k: 'blue', d: '2024-02-01T10:00:00Z', z: '1' },
    { c: 'NA', i: '', b: 'true', k: 'NA', d: 'NaN', z: '1' },
  ];

  it('infers continuous, integer, boolean, categorical and datetime columns, ignoring missing cells', () => {
    expect(inferSchema(records)).toEqual([
      { name: 'c', kind: 'continuous' },
      { name: 'i', kind: 'integer' },
      { name: 'b', kind: 'boolean' },
      { name: 'k', kind: 'categorical' },
      { name: 'd', kind: 'datetime' },
      { name: 'z', kind: 'integer' }, // 0/1 is numeric: integer unless overridden
    ]);
  });

  it('applies overrides and refuses unknown columns or kinds', () => {
    const schema = inferSchema(records, { z: 'boolean', i: 'categorical' });
    expect(schema.find((c) => c.name === 'z')?.kind).toBe('boolean');
    expect(schema.find((c) => c.name === 'i')?.kind).toBe('categorical');
    expect(() => inferSchema(records, { nope: 'integer' })).toThrow(/unknown column "nope"; the columns are c, i, b, k, d, z/);
    expect(() => inferSchema(records, { z: 'text' as never })).toThrow(/use one of continuous, integer/);
  });

  it('infers JSON numbers, booleans and nulls', () => {
    const schema = inferSchema(fromJsonRecords([{ n: 1.5, f: true, s: null }, { n: 2, f: false, s: 'x' }]));
    expect(schema).toEqual([
      { name: 'n', kind: 'continuous' },
      { name: 'f', kind: 'boolean' },
      { name: 's', kind: 'categorical' },
    ]);
  });

  it('refuses a column without any value, naming the fix', () => {
    expect(() => inferSchema([{ a: '1', e: '' }])).toThrow(/column "e" has no values.*give its kind in the schema overrides/);
  });
});

describe('cells', () => {
  it('reads missing tokens, datetimes and typed cells', () => {
    expect(['', ' NA ', 'NaN', 'null', null, undefined, Number.NaN].every(isMissing)).toBe(true);
    expect(isMissing('0')).toBe(false);
    expect(asEpochMs('1970-01-02')).toBe(86_400_000);
    expect(parseCell('1', { name: 'b', kind: 'boolean' })).toBe(true);
    expect(parseCell('2024-01-01', { name: 'd', kind: 'datetime' })).toBe(Date.UTC(2024, 0, 1));
    expect(() => parseCell('abc', { name: 'x', kind: 'integer' })).toThrow(/column "x" is integer but holds "abc"; expected a number/);
  });

  it('fromJsonRecords refuses nested values, naming the record', () => {
    expect(() => fromJsonRecords([{ a: 1 }, { a: { b: 2 } }])).toThrow(/record 1, column "a"/);
  });
});
