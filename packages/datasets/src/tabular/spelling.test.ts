import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { formatDatetime, parseIsoDatetime, datetimeFormatOf } from './datetime-format.js';
import { recordsCsv } from './records-csv.js';
import { TabularAdapter } from './tabular-file-adapter.js';
import { TabularEncoder } from './tabular-encoder.js';

// A table written the way people write them: yes/no, Y/N, TRUE/FALSE, 1/0 booleans, fixed
// decimals, a space-separated datetime without zone, a date, and NA for missing cells.
const CSV = [
  'group,smoker,member,active,flag,price,when,day,note',
  'a,yes,Y,TRUE,1,3.50,2024-01-31 12:30,2024-01-31,x',
  'a,no,N,FALSE,0,12.25,2024-02-01 08:05,2024-02-01,NA',
  'b,yes,N,TRUE,0,0.10,2024-02-03 23:59,2024-02-03,y',
  'b,no,Y,FALSE,1,7.00,2024-02-04 00:00,2024-02-04,NA',
  'a,yes,Y,TRUE,1,2.05,2024-02-05 10:10,2024-02-05,x',
  'b,no,N,FALSE,0,4.40,2024-02-06 11:11,2024-02-06,y',
].join('\n');

function tableFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cvae-spelling-')), 'table.csv');
  writeFileSync(file, `${text}\n`);
  return file;
}

describe('round trip in the input\'s own spelling', () => {
  it('writes every cell back exactly as the input spelled it (booleans, decimals, datetimes, missing tokens)', async () => {
    const adapter = new TabularAdapter({ csv: tableFile(CSV), condition: ['group'], schema: { flag: 'boolean' }, missing: { note: 'category' }, testFraction: 0.2 });
    await adapter.load();
    const kinds = Object.fromEntries(adapter.info.schema.map((c) => [c.name, c.kind]));
    expect(kinds).toMatchObject({ smoker: 'boolean', member: 'boolean', active: 'boolean', flag: 'boolean', price: 'continuous', when: 'datetime', day: 'datetime' });
    // Through the saved encoder file, as `cvae sample` does it.
    const encoder = TabularEncoder.fromJSON(JSON.parse(JSON.stringify(adapter.encoder)));
    const rows = [...adapter.rows('train'), ...adapter.rows('test')];
    const { x, c } = encoder.encode(rows);
    const written = recordsCsv(encoder.spell(encoder.decode(x, c)), encoder.schema.map((col) => col.name));
    const input = parse(CSV, { columns: true }) as Record<string, string>[];
    const output = parse(written, { columns: true }) as Record<string, string>[];
    const key = (r: Record<string, string>) => JSON.stringify(r);
    expect(output.map(key).sort()).toEqual(input.map(key).sort());
    expect(written).toMatch(/^a,yes,Y,TRUE,1,3\.50,2024-01-31 12:30,2024-01-31,x$/m);
    expect(written).not.toMatch(/true|false/);
  });

  it('reads a zone-less date-time as UTC and writes each ISO form back as it came', () => {
    for (const text of ['2024-01-31', '2024-01-31T12:30', '2024-01-31 12:30:05', '2024-01-31T12:30:05.250Z', '2024-01-31T14:30:05+02:00', '2024-01-31T07:30-0500']) {
      const ms = parseIsoDatetime(text)!;
      expect(formatDatetime(ms, datetimeFormatOf(text)!), text).toBe(text);
    }
    expect(parseIsoDatetime('1970-01-01 00:01')).toBe(60_000);
    expect(parseIsoDatetime('2024-13-45')).toBeUndefined();
  });
});
