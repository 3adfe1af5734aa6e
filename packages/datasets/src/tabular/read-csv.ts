import { CsvError, parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { DatasetError } from '../dataset-error.js';
import { textCheck } from './text-check.js';
import { emptyRecord } from './values.js';

/** The longest record (in characters) a CSV may hold: a longer one is refused before it fills memory. */
export const MAX_RECORD_BYTES = 1 << 20;

/** Options of {@link readCsvRecords}. */
export interface ReadCsvOptions {
  /** Field delimiter (default `,`; European exports often use `;`, TSV files `\t`). */
  readonly delimiter?: string;
  /** Aborts the read; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

const FIXES: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'close the quoted field, and write a quote inside a quoted field as two quotes ("")',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'give every row as many fields as the header; if the file uses another delimiter, pass it (--delimiter ";" on the command line, { delimiter: ";" } in code)',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'give every row as many fields as the header; if the file uses another delimiter, pass it (--delimiter ";" on the command line, { delimiter: ";" } in code)',
  CSV_INVALID_CLOSING_QUOTE: 'quote the whole field, and write a quote inside it as two quotes ("")',
  CSV_QUOTE_NOT_CLOSED_AT_END: 'close the quoted field',
  CSV_MAX_RECORD_SIZE: `keep every record under ${MAX_RECORD_BYTES} characters; an unclosed quote makes the rest of the file one field`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'put the delimiter right after the closing quote',
};

/** One CSV record and the line it ends on (1-based; the header is line 1). */
export interface CsvRecord {
  readonly record: Record<string, string>;
  readonly line: number;
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

/** The error of a CSV file with a header but no row. */
export function noDataRows(path: string): DatasetError {
  return new DatasetError('csv', `${path}: no data rows; the file needs a header line and at least one row`);
}

/** Column names must be unique and non-empty: records are keyed by them. */
function checkHeader(path: string, header: string[]): string[] {
  const empty = header.findIndex((name) => name.trim() === '');
  if (empty >= 0) throw new DatasetError('csv', `${path} line 1: column ${empty + 1} has no name; fix: name every column in the header`);
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new DatasetError('csv', `${path} line 1: duplicate column name "${name}" (columns ${first + 1} and ${i + 1}); fix: give every column a unique name`);
    }
    seen.set(name, i);
  });
  return header;
}

function csvError(path: string, error: unknown): DatasetError {
  if (error instanceof DatasetError) return error;
  if (error instanceof CsvError) {
    const lines = (error as unknown as { lines?: unknown }).lines;
    const line = typeof lines === 'number' ? ` line ${lines}` : '';
    const fix = FIXES[error.code] ?? 'check the file is a CSV with a header line';
    return new DatasetError('csv', `${path}${line}: ${error.message}; fix: ${fix}`, { cause: error });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new DatasetError('csv', `${path}: no such file; check the path (relative paths start at ${process.cwd()})`, { cause: error });
  if (code === 'EISDIR') return new DatasetError('csv', `${path}: is a directory; give the path of a .csv file`, { cause: error });
  return new DatasetError('csv', `${path}: cannot be read (${(error as Error)?.message ?? String(error)})`, { cause: error });
}
