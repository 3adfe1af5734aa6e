import { describe, expect, it } from 'vitest';
import { KindSniffer } from './kind-sniffer.js';

const sniff = (records: Record<string, string>[], overrides = {}) => {
  const sniffer = new KindSniffer();
  records.forEach((record, row) => sniffer.observe(record, row + 2));
  return sniffer.kinds(overrides, (line) => `t.csv line ${line}`);
};

describe('KindSniffer', () => {
  it('refuses a mostly numeric column with a stray cell, naming file, line, column, value and fix', () => {
    const records = Array.from({ length: 30 }, (_, i) => ({ hp: String(100 + i), name: `car ${i % 3}` }));
    records[16] = { hp: 'n/a', name: 'car 1' };
    expect(() => sniff(records)).toThrow(/t\.csv line 18, column "hp": "n\/a" is not a number, but 29 of the column's 30 values are; fix: .*NA.*schema override \{ "hp": "categorical" \}/);
    // The fix it names works: an override accepts the column as categorical.
    expect(sniff(records, { hp: 'categorical' }).get('hp')).toBe('categorical');
  });

  it('keeps a column of mixed labels categorical when numbers are not nearly all of it', () => {
    const records = Array.from({ length: 20 }, (_, i) => ({ size: i % 4 === 0 ? 'XL' : String(36 + (i % 3) * 2) }));
    expect(sniff(records).get('size')).toBe('categorical');
  });

  it('calls a column of nearly unique labels an identifier, and a repeating one categorical', () => {
    const records = Array.from({ length: 60 }, (_, i) => ({ name: `model ${i % 40}`, origin: ['USA', 'Japan', 'Europe'][i % 3] }));
    const kinds = sniff(records);
    expect(kinds.get('name')).toBe('identifier');
    expect(kinds.get('origin')).toBe('categorical');
    // Few rows: 10 distinct names in 10 rows are still categories (at least 20 distinct are needed).
    expect(sniff(records.slice(0, 10)).get('name')).toBe('categorical');
  });

  it('counts rows and keeps first-seen column order', () => {
    const sniffer = new KindSniffer();
    sniffer.observe({ b: '1', a: 'x' }, 0);
    sniffer.observe({ b: '2', a: 'y', c: 'true' }, 1);
    expect(sniffer.rows).toBe(2);
    expect(sniffer.names()).toEqual(['b', 'a', 'c']);
  });
});
