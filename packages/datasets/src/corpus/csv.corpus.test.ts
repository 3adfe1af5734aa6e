import { describeBadInputs, expectRefusal, type BadInputCase } from '@cvae/core/testing';
import fc from 'fast-check';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRecords, readCsvRecords } from '../tabular/read-csv.js';
import { recordsCsv } from '../tabular/records-csv.js';
import { TabularAdapter } from '../tabular/tabular-file-adapter.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cvae-csv-corpus-'));
});
// The corpus writes a 100 MB field and sparse 1 GiB files: leave nothing behind.
afterAll(() => rm(dir, { recursive: true, force: true }));

/** 40 good rows of a small table: two numbers and a label. */
const GOOD = ['a,b,label', ...Array.from({ length: 40 }, (_, i) => `${(i * 0.37) % 5},${(i * 1.3) % 7},${['x', 'y', 'z'][i % 3]}`)];
const text = (lines: readonly string[]) => Buffer.from(`${lines.join('\n')}\n`);
/** The good rows with `line` (1-based, the header is line 1) replaced by `replacement`. */
const withLine = (line: number, replacement: string | Buffer) =>
  Buffer.concat([text(GOOD.slice(0, line - 1)), Buffer.isBuffer(replacement) ? replacement : Buffer.from(`${replacement}\n`), text(GOOD.slice(line))]);

interface CsvCase extends BadInputCase {
  /** The file's bytes, or a function writing the file at `path` itself. */
  readonly bytes?: () => Buffer;
  readonly make?: (path: string) => Promise<void>;
  readonly condition?: string;
  readonly delimiter?: string;
  /** Bytes the loaded table may take (the adapter's memoryBudget). */
  readonly budget?: number;
}

/** `columns` number columns and `rows` rows, plus the label column. */
const wide = (columns: number, rows: number) =>
  text([[...Array.from({ length: columns }, (_, i) => `c${i}`), 'label'].join(','), ...Array.from({ length: rows }, (_, r) => [...Array.from({ length: columns }, (_, i) => String((r * i) % 10)), r % 2 ? 'x' : 'y'].join(','))]);

/** Writes `size` bytes of `fill` as one field of line 3, streamed so the test itself stays small in memory. */
async function hugeField(path: string, size: number, quoted: boolean): Promise<void> {
  const file = await open(path, 'w');
  await file.write(text(GOOD.slice(0, 2)));
  await file.write(`1,2,${quoted ? '"' : ''}`);
  const block = Buffer.alloc(1 << 20, 'q');
  for (let written = 0; written < size; written += block.length) await file.write(block);
  await file.write(`${quoted ? '"' : ''}\n`);
  await file.write(text(GOOD.slice(2)));
  await file.close();
}

const CASES: CsvCase[] = [
  { name: 'a row with a field too few', input: 'short-row.csv', says: /line 11: Invalid Record Length: expect 3, got 2/, bytes: () => withLine(11, '1,2') },
  { name: 'a row with a field too many', input: 'long-row.csv', says: /line 5: Invalid Record Length: expect 3, got 4.*fix: give every row as many fields as the header/, bytes: () => withLine(5, '1,2,x,9') },
  { name: 'a word in a number column', input: 'word.csv', says: /line 6, column "a": "abc" is not a number, but 39 of the column's 40 values are/, bytes: () => withLine(6, 'abc,1,x') },
  { name: 'European decimal comma in a number column', input: 'decimal-comma.csv', says: /line 4, column "b": "1,5" is not a number/, bytes: () => withLine(4, '2,"1,5",y') },
  { name: 'a 100 MB unquoted field', input: 'huge-field.csv', says: /line 3: .*(Max Record Size|maximum record size).*fix: keep every record under 1048576 characters/, make: (p) => hugeField(p, 100 << 20, false) },
  { name: 'a 2 MB quoted field', input: 'big-quoted.csv', says: /line 3: .*(Max Record Size|maximum record size)/, make: (p) => hugeField(p, 2 << 20, true) },
  { name: 'a quote never closed', input: 'unclosed.csv', says: /Quote Not Closed.*fix: close the quoted field/, bytes: () => withLine(20, '1,2,"x') },
  { name: 'a quote inside an unquoted field', input: 'stray-quote.csv', says: /line 7: Invalid Opening Quote|line 7: .*quote/i, bytes: () => withLine(7, '1,2,x"y"') },
  { name: 'text after a closing quote', input: 'after-quote.csv', says: /line 8: .*(Invalid Closing Quote|trimable|closing quote)/i, bytes: () => withLine(8, '1,2,"x"y') },
  { name: 'a Latin-1 byte (invalid UTF-8)', input: 'latin1.csv', says: /latin1\.csv line 9, byte offset \d+: bytes that are not valid UTF-8; expected UTF-8 text/, bytes: () => withLine(9, Buffer.from([0x31, 0x2c, 0x32, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0a])) },
  { name: 'a lone 0xFF byte', input: 'ff.csv', says: /ff\.csv line 3, byte offset \d+: bytes that are not valid UTF-8/, bytes: () => withLine(3, Buffer.from('1,2,\xff\n', 'latin1')) },
  { name: 'a UTF-8 lead byte without continuation', input: 'lead.csv', says: /lead\.csv line 12, byte offset \d+: bytes that are not valid UTF-8/, bytes: () => withLine(12, Buffer.from([0x31, 0x2c, 0x32, 0x2c, 0xc3, 0x28, 0x0a])) },
  { name: 'the file ends inside a UTF-8 character', input: 'cut-char.csv', says: /the file ends inside a UTF-8 character; expected UTF-8 text/, bytes: () => Buffer.concat([text(GOOD), Buffer.from([0x78, 0x2c, 0xe2, 0x82])]) },
  { name: 'UTF-16 big-endian with its byte-order mark', input: 'utf16be.csv', says: /UTF-16 big-endian text \(byte-order mark FE FF at offset 0\); fix: save the file as UTF-8/, bytes: () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text(GOOD).toString('utf16le'), 'utf16le').swap16()]) },
  { name: 'UTF-16 little-endian without a byte-order mark', input: 'utf16-nobom.csv', says: /line 1, byte offset 1: a NUL byte; expected UTF-8 text; fix: this looks like a binary file or UTF-16/, bytes: () => Buffer.from(text(GOOD).toString('utf8'), 'utf16le') },
  { name: 'a NUL byte in a label', input: 'nul.csv', says: /nul\.csv line 10, byte offset \d+: a NUL byte/, bytes: () => withLine(10, '1,2,x\0y') },
  { name: 'a PNG image', input: 'image.csv', says: /image\.csv line 3, byte offset 8: a NUL byte; expected UTF-8 text/, bytes: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) },
  { name: 'a header and no rows', input: 'header-only.csv', says: /no data rows; the file needs a header line and at least one row/, bytes: () => text(GOOD.slice(0, 1)) },
  { name: 'an empty file', input: 'empty.csv', says: /no data rows/, bytes: () => Buffer.alloc(0) },
  { name: 'blank lines only (one holds a CR)', input: 'blank.csv', says: /blank\.csv line 1: column 1 has no name/, bytes: () => Buffer.from('\n\n\r\n\n') },
  { name: 'two columns of one name', input: 'duplicate.csv', says: /line 1: duplicate column name "a" \(columns 1 and 2\)/, bytes: () => text(['a,a,label', ...GOOD.slice(1)]) },
  { name: 'a column without a name', input: 'unnamed.csv', says: /line 1: column 2 has no name/, bytes: () => text(['a,,label', ...GOOD.slice(1)]) },
  { name: 'the condition column is absent', input: 'no-condition.csv', says: /condition column "species" .*(not|no)/i, condition: 'species', bytes: () => text(GOOD) },
  { name: 'a column without a single value', input: 'empty-column.csv', says: /column "b" has no values/, bytes: () => text(GOOD.map((line, i) => (i === 0 ? line : line.replace(/,[^,]*,/, ',,')))) },
  { name: 'semicolons read with the comma delimiter', input: 'semicolons.csv', says: /condition column "label"/, bytes: () => text(GOOD.map((line) => line.replaceAll(',', ';'))) },
  { name: 'the wrong delimiter given (tab for a comma file)', input: 'tabs.csv', says: /condition column "label"/, delimiter: '\t', bytes: () => text(GOOD) },
  { name: 'a table wider than the memory budget (refused before reading)', input: 'wide.csv', says: /wide\.csv: about 40 rows x 3001 columns would take ~0\.9 MB in memory \(8 bytes a cell\), more than the memory budget of 0\.5 MB; fix: keep only the columns you need/, budget: 2 ** 19, bytes: () => wide(3000, 40) },
  { name: 'a missing file', input: 'missing.csv', says: /missing\.csv: no such file/, make: async () => undefined },
  { name: 'a directory', input: 'folder.csv', says: /folder\.csv: is a directory; give the path of a \.csv file/, make: async (p) => void (await mkdir(p)) },
];

describeBadInputs('csv', CASES, async (c) => {
  const path = join(dir, c.input);
  if (c.make) await c.make(path);
  else await writeFile(path, c.bytes!());
  return new TabularAdapter({ csv: path, condition: [c.condition ?? 'label'], ...(c.delimiter && { delimiter: c.delimiter }), ...(c.budget && { memoryBudget: c.budget }) }).load();
}, { timeout: 30_000 });

const PROPERTY = { seed: 20261201, numRuns: 150 } as const;
/** Cells as users write them: delimiters, quotes, line breaks, a leading `=`, spaces, accents and emoji. */
const cell = fc.oneof(
  fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', '=', ' ', ';', 'a', 'Z', '0', 'é', '😀', '\t', "'"), minLength: 1, maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
);

describe('CSV properties (fast-check, seed 20261201)', () => {
  it('labels with commas, quotes, newlines or a leading "=" round-trip exactly through recordsCsv (RFC 4180) and csvRecords', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 6 }), async (labels) => {
        const rows = labels.map((label, i) => ({ row: i, label }));
        const path = join(dir, `roundtrip-${run++}.csv`);
        await writeFile(path, recordsCsv(rows, ['row', 'label']));
        const back = await readCsvRecords(path);
        expect(back.map((r) => r.label)).toEqual(labels);
      }),
      PROPERTY,
    );
  });

  it('columns named __proto__, constructor, prototype, toString keep their values and pollute no prototype', async () => {
    const names = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(names, { minLength: 1 }), fc.array(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 5 }).filter((s) => !/[\0]/.test(s)), { minLength: 1, maxLength: 4 }), async (columns, values) => {
        const rows = values.map((v) => Object.fromEntries(columns.map((c) => [c, v])));
        const path = join(dir, `proto-${run++}.csv`);
        await writeFile(path, recordsCsv(rows, columns));
        const back = await readCsvRecords(path);
        back.forEach((record, i) => columns.forEach((c) => expect(Object.hasOwn(record, c) && record[c]).toBe(values[i])));
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
        expect(typeof ({}).toString).toBe('function');
      }),
      PROPERTY,
    );
  });

  it('a valid CSV with random bytes spliced in reads cleanly or is refused with a CvaeError naming the file', async () => {
    const good = text(GOOD);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length }), fc.uint8Array({ minLength: 1, maxLength: 6 }), async (at, junk) => {
        const path = join(dir, `spliced-${run++}.csv`);
        await writeFile(path, Buffer.concat([good.subarray(0, at), junk, good.subarray(at)]));
        const read = async () => {
          for await (const record of csvRecords(path)) void record;
        };
        try {
          await read();
        } catch {
          await expectRefusal(read, path, /(expect|no such|UTF|NUL|Quote|quote|column|Record)/);
        }
      }),
      PROPERTY,
    );
  });

  it('UTF-16 little-endian with its byte-order mark reads exactly as the UTF-8 file', async () => {
    const utf8 = join(dir, 'same-utf8.csv');
    const utf16 = join(dir, 'same-utf16le.csv');
    await writeFile(utf8, text(GOOD));
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text(GOOD).toString('utf8'), 'utf16le')]));
    expect(await readCsvRecords(utf16)).toEqual(await readCsvRecords(utf8));
  });
});
