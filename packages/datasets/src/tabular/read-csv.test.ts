import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './read-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'cvae-csv-'));
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('readCsvRecords', () => {
  it('reads the header as column names and quoted fields with delimiters, quotes and newlines', async () => {
    const path = file('quotes.csv', 'name,note,n\n"Smith, J","said ""hi""",1\nLee,"two\nlines",2\n\n');
    expect(await readCsvRecords(path)).toEqual([
      { name: 'Smith, J', note: 'said "hi"', n: '1' },
      { name: 'Lee', note: 'two\nlines', n: '2' },
    ]);
  });

  it('skips a UTF-8 byte-order mark, so the first column keeps its name', async () => {
    const path = file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n1,2\n')]));
    const [record] = await readCsvRecords(path);
    expect(Object.keys(record)).toEqual(['a', 'b']);
  });

  it('reads semicolon-delimited files when told the delimiter', async () => {
    const path = file('semicolon.csv', 'a;b\n1,5;x\n');
    expect(await readCsvRecords(path, { delimiter: ';' })).toEqual([{ a: '1,5', b: 'x' }]);
  });

  it('names the file, the line and the fix for a row with too many fields', async () => {
    const path = file('ragged.csv', 'a,b\n1,2\n3,4,5\n');
    await expect(readCsvRecords(path)).rejects.toThrow(/ragged\.csv line 3: .*fix: give every row as many fields as the header.*delimiter/);
  });

  it('names the line of an unclosed quote', async () => {
    const path = file('quote.csv', 'a,b\n1,2\n3,"4\n5,6\n');
    await expect(readCsvRecords(path)).rejects.toThrow(/quote\.csv line 4: Quote Not Closed.*fix: close the quoted field/);
  });

  it('says when the file is missing or has no rows', async () => {
    await expect(readCsvRecords(join(dir, 'nope.csv'))).rejects.toThrow(/nope\.csv: no such file; check the path/);
    await expect(readCsvRecords(file('empty.csv', 'a,b\n'))).rejects.toThrow(/no data rows/);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(readCsvRecords(file('ok.csv', 'a\n1\n'), { signal: controller.signal })).rejects.toThrow('stop');
  });

  it('refuses duplicate and empty column names, naming the file, line and columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvae-csv-header-'));
    writeFileSync(join(dir, 'dup.csv'), 'a,b,a\n1,2,3\n');
    await expect(readCsvRecords(join(dir, 'dup.csv'))).rejects.toThrow(/dup\.csv line 1: duplicate column name "a" \(columns 1 and 3\)/);
    writeFileSync(join(dir, 'blank.csv'), 'a,,c\n1,2,3\n');
    await expect(readCsvRecords(join(dir, 'blank.csv'))).rejects.toThrow(/blank\.csv line 1: column 2 has no name/);
  });
});
