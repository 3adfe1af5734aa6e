import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vegaRecords } from '../../test/vega-data.js';
import { TabularAdapter as BrowserTabularAdapter } from '../browser.js';
import { csvTextRecords } from './csv-text.js';
import { recordsCsv } from './records-csv.js';
import { TabularAdapter } from './tabular-file-adapter.js';

const penguins = vegaRecords('penguins.json') as Record<string, unknown>[];
const penguinsCsv = recordsCsv(penguins, Object.keys(penguins[0]));

describe('csvTextRecords (browser-safe CSV text)', () => {
  it('reads quoted fields, a byte-order mark and empty lines, with the line each record ends on', () => {
    const records = csvTextRecords('\ufeffname,note\n"a, b","say ""hi"""\n\n"multi\nline",x\n', { name: 'drop.csv' });
    expect(records).toEqual([
      { record: { name: 'a, b', note: 'say "hi"' }, line: 2 },
      { record: { name: 'multi\nline', note: 'x' }, line: 5 },
    ]);
  });

  it('names the text, the line and the fix for a short row, a duplicate column and an unclosed quote', () => {
    expect(() => csvTextRecords('a,b\n1,2\n3\n', { name: 'drop.csv' })).toThrow(/drop\.csv line 3: .*fix: give every row as many fields as the header/);
    expect(() => csvTextRecords('a,a\n1,2\n', { name: 'drop.csv' })).toThrow(/drop\.csv line 1: duplicate column name "a".*fix/);
    expect(() => csvTextRecords('a,b\n"1,2\n', { name: 'drop.csv' })).toThrow(/drop\.csv.*fix: close the quoted field/);
  });
});

describe('TabularAdapter from csvText', () => {
  it('gives the browser entry the same spec and batches as the Node adapter reading the same CSV file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cvae-csv-text-')), 'penguins.csv');
    writeFileSync(file, penguinsCsv);
    const options = { condition: ['Species'], missing: { Sex: 'category' } } as const;
    const fromFile = new TabularAdapter({ csv: file, ...options });
    const fromText = new BrowserTabularAdapter({ csvText: penguinsCsv, name: 'penguins.csv', ...options });
    await Promise.all([fromFile.load(), fromText.load()]);
    expect(fromText.spec).toEqual(fromFile.spec);
    expect(fromText.info).toEqual(fromFile.info);
    const first = async (adapter: BrowserTabularAdapter) => {
      for await (const batch of adapter.batches('train', 32, { seed: 3 })) return Array.from(batch.x);
      return [];
    };
    expect(await first(fromText)).toEqual(await first(fromFile));
  });

  it('refuses a file path in the browser adapter, and a text whose header has no data row, saying what to do', async () => {
    await expect(new BrowserTabularAdapter({ csv: 'penguins.csv', condition: ['Species'] }).load()).rejects.toThrow(/cannot read the file penguins\.csv here.*fix: pass its text as csvText/);
    await expect(new BrowserTabularAdapter({ csvText: 'Species,Mass\n', name: 'empty.csv', condition: ['Species'] }).load()).rejects.toThrow(/empty\.csv: no data rows/);
    expect(() => new BrowserTabularAdapter({ csvText: 'a\n1\n', records: [], condition: ['a'] })).toThrow(/exactly one of csv .*csvText .*records/);
  });

  it('keys columns named __proto__ and constructor as plain fields, with no prototype pollution', () => {
    const [{ record }] = csvTextRecords('__proto__,constructor,x\npolluted,a,1\n');
    expect(Object.keys(record)).toEqual(['__proto__', 'constructor', 'x']);
    expect(record['__proto__']).toBe('polluted');
    expect(Object.getPrototypeOf(record)).toBeNull();
    expect(record.constructor).toBe('a');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
