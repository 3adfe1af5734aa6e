import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { DatasetError } from '../dataset-error.js';
import { checkHeader, csvParseError, MAX_RECORD_BYTES, noDataRows, type CsvRecord } from './csv-errors.js';
import type { RecordSource } from './record-source.js';
import { textCheck } from './text-check.js';
import { emptyRecord } from './values.js';

export type { CsvRecord } from './csv-errors.js';
export { MAX_RECORD_BYTES } from './csv-errors.js';

/** Options of {@link readCsvRecords}. */
export interface ReadCsvOptions {
  /** Field delimiter (default `,`; European exports often use `;`, TSV files `\t`). */
  readonly delimiter?: string;
  /** Aborts the read; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Streams a CSV file record by record with csv-parse, in bounded memory: a UTF-8 byte-order mark
 * is skipped, quoted fields may hold delimiters, quotes ("") and newlines, and empty lines are
 * ignored. Records are keyed by the header's column names; cells stay strings ({@link inferSchema}
 * types them). A malformed file throws a `DatasetError` naming the file, the line and the fix.
 *
 * @example
 * ```ts
 * for await (const { record, line } of csvRecords('penguins.csv')) console.log(line, record.Species);
 * ```
 */
export async function* csvRecords(path: string, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord, void, undefined> {
  const { delimiter = ',', signal } = options;
  signal?.throwIfAborted();
  const source = createReadStream(path, { signal });
  // Arrays, not csv-parse's keyed objects: a column named __proto__ would set the record's prototype.
  const parser = parse({ bom: true, delimiter, skip_empty_lines: true, trim: false, info: true, max_record_size: MAX_RECORD_BYTES });
  const check = textCheck(path);
  // pipe() does not forward errors (missing file, abort, bad bytes): hand them to the parser.
  source.on('error', (error) => parser.destroy(error));
  check.on('error', (error) => parser.destroy(error));
  source.pipe(check).pipe(parser);
  try {
    let header: string[] | undefined;
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === undefined) {
        header = checkHeader(path, record);
        continue;
      }
      const keyed = emptyRecord<string>();
      header.forEach((name, i) => (keyed[name] = record[i]));
      yield { record: keyed, line: info.lines };
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw csvError(path, error);
  } finally {
    source.destroy();
  }
}

/**
 * Reads a whole CSV file into records (see {@link csvRecords}, which streams); refuses a file
 * without data rows.
 *
 * @example
 * ```ts
 * const records = await readCsvRecords('penguins.csv');
 * const semicolons = await readCsvRecords('export.csv', { delimiter: ';' });
 * ```
 */
export async function readCsvRecords(path: string, options: ReadCsvOptions = {}): Promise<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  for await (const { record } of csvRecords(path, options)) records.push(record);
  if (records.length === 0) throw noDataRows(path);
  return records;
}

function csvError(path: string, error: unknown): DatasetError {
  const parsing = csvParseError(path, error);
  if (parsing) return parsing;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new DatasetError('csv', `${path}: no such file; check the path (relative paths start at ${process.cwd()})`, { cause: error });
  if (code === 'EISDIR') return new DatasetError('csv', `${path}: is a directory; give the path of a .csv file`, { cause: error });
  return new DatasetError('csv', `${path}: cannot be read (${(error as Error)?.message ?? String(error)})`, { cause: error });
}

/**
 * A CSV file as a {@link RecordSource}: every scan streams the file again, so nothing but the
 * current record is held (row numbers are the lines the records end on).
 *
 * @example
 * ```ts
 * const source = csvSource('cars.csv', { delimiter: ';' });
 * for await (const [record, line] of source.scan()) console.log(source.place(line), record);
 * ```
 */
export function csvSource(path: string, options: { delimiter?: string; signal?: AbortSignal } = {}): RecordSource {
  return {
    place: (line) => `${path} line ${line}`,
    async *scan() {
      let rows = 0;
      for await (const { record, line } of csvRecords(path, options)) {
        rows++;
        yield [record, line] as const;
      }
      if (rows === 0) throw noDataRows(path);
    },
  };
}
