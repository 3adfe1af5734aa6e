// The CSV rules and messages shared by the file reader (read-csv.ts, Node) and the text reader
// (csv-text.ts, browser-safe): one header check, one csv-parse error → DatasetError mapping.
import { DatasetError } from '../dataset-error.js';

/** The longest record (in characters) a CSV may hold: a longer one is refused before it fills memory. */
export const MAX_RECORD_BYTES = 1 << 20;

const ROW_FIX = 'give every row as many fields as the header; if the file uses another delimiter, pass it (--delimiter ";" on the command line, { delimiter: ";" } in code)';
const FIXES: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'close the quoted field, and write a quote inside a quoted field as two quotes ("")',
  CSV_RECORD_INCONSISTENT_COLUMNS: ROW_FIX,
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: ROW_FIX,
  CSV_INVALID_CLOSING_QUOTE: 'quote the whole field, and write a quote inside it as two quotes ("")',
  INVALID_OPENING_QUOTE: 'quote the whole field, and write a quote inside it as two quotes ("")',
  CSV_QUOTE_NOT_CLOSED_AT_END: 'close the quoted field',
  CSV_MAX_RECORD_SIZE: `keep every record under ${MAX_RECORD_BYTES} characters; an unclosed quote makes the rest of the file one field`,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'put the delimiter right after the closing quote',
};

/** One CSV record and the line it ends on (1-based; the header is line 1). */
export interface CsvRecord {
  readonly record: Record<string, string>;
  readonly line: number;
}

/** The error of a CSV file with a header but no row. */
export function noDataRows(name: string): DatasetError {
  return new DatasetError('csv', `${name}: no data rows; the file needs a header line and at least one row`);
}

/** Column names must be unique and non-empty: records are keyed by them. */
export function checkHeader(name: string, header: string[]): string[] {
  const empty = header.findIndex((column) => column.trim() === '');
  if (empty >= 0) throw new DatasetError('csv', `${name} line 1: column ${empty + 1} has no name; fix: name every column in the header`);
  const seen = new Map<string, number>();
  header.forEach((column, i) => {
    const first = seen.get(column);
    if (first !== undefined) {
      throw new DatasetError('csv', `${name} line 1: duplicate column name "${column}" (columns ${first + 1} and ${i + 1}); fix: give every column a unique name`);
    }
    seen.set(column, i);
  });
  return header;
}

/**
 * A csv-parse error (by its `CSV_*` code: the Node and browser builds of csv-parse have distinct
 * error classes) as a DatasetError naming the file, the line and the fix; undefined for other errors.
 */
export function csvParseError(name: string, error: unknown): DatasetError | undefined {
  if (error instanceof DatasetError) return error;
  const { code, lines, message } = (error ?? {}) as { code?: unknown; lines?: unknown; message?: string };
  // csv-parse's codes all start CSV_ except INVALID_OPENING_QUOTE (a quote inside an unquoted field).
  if (typeof code !== 'string' || !(code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE')) return undefined;
  const line = typeof lines === 'number' ? ` line ${lines}` : '';
  const fix = FIXES[code] ?? 'check the file is a CSV with a header line';
  return new DatasetError('csv', `${name}${line}: ${message}; fix: ${fix}`, { cause: error });
}
