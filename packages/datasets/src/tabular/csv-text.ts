import { parse } from 'csv-parse/browser/esm/sync';
import { DatasetError } from '../dataset-error.js';
import { checkHeader, csvParseError, MAX_RECORD_BYTES, noDataRows, type CsvRecord } from './csv-errors.js';
import type { RecordSource } from './record-source.js';
import { emptyRecord } from './values.js';

/** Options of {@link csvTextRecords} and {@link csvTextSource}. */
export interface CsvTextOptions {
  /** What messages call the text, e.g. the dropped file's name (default `CSV text`). */
  readonly name?: string;
  /** Field delimiter (default `,`). */
  readonly delimiter?: string;
}

/**
 * Parses CSV text (e.g. a file a user dropped in a page: `await file.text()`) into records keyed by
 * the header, with csv-parse's browser build: no Node built-ins. Same rules as the file reader: a
 * byte-order mark is skipped, quoted fields may hold delimiters, quotes and newlines, empty lines are
 * ignored, and a malformed text throws a `DatasetError` naming `name`, the line and the fix.
 *
 * @example
 * ```ts
 * const records = csvTextRecords('Species,Mass\nAdelie,3750\n', { name: 'penguins.csv' });
 * // [{ record: { Species: 'Adelie', Mass: '3750' }, line: 2 }]
 * ```
 */
export function csvTextRecords(text: string, options: CsvTextOptions = {}): CsvRecord[] {
  const { name = 'CSV text', delimiter = ',' } = options;
  try {
    // Arrays, not csv-parse's keyed objects: a column named __proto__ would set the record's prototype.
    const rows = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: false, info: true, max_record_size: MAX_RECORD_BYTES }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    if (rows.length === 0) return [];
    const header = checkHeader(name, rows[0].record);
    return rows.slice(1).map(({ record, info }) => {
      const keyed = emptyRecord<string>();
      header.forEach((column, i) => (keyed[column] = record[i]));
      return { record: keyed, line: info.lines };
    });
  } catch (error) {
    throw csvParseError(name, error) ?? new DatasetError('csv', `${name}: cannot be parsed (${(error as Error)?.message ?? String(error)})`, { cause: error });
  }
}

/**
 * CSV text as a {@link RecordSource} (parsed once; each scan walks the records): what
 * `new TabularAdapter({ csvText, ... })` reads. Row numbers are the lines the records end on.
 *
 * @example
 * ```ts
 * const source = csvTextSource(await file.text(), { name: file.name });
 * for await (const [record, line] of source.scan()) console.log(source.place(line), record);
 * ```
 */
export function csvTextSource(text: string, options: CsvTextOptions = {}): RecordSource {
  const name = options.name ?? 'CSV text';
  let records: CsvRecord[] | undefined;
  return {
    place: (line) => `${name} line ${line}`,
    async *scan() {
      records ??= csvTextRecords(text, options);
      if (records.length === 0) throw noDataRows(name);
      for (const { record, line } of records) yield [record, line] as const;
    },
  };
}
