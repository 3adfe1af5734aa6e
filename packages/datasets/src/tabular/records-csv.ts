import { stringify } from 'csv-stringify/sync';

/**
 * Serialises typed records as CSV with a header, columns in `columns` order; `null` is an empty
 * cell. Uses csv-stringify, so quotes, delimiters and newlines inside values are escaped.
 *
 * @example
 * ```ts
 * await writeFile('penguins.csv', recordsCsv(rows, ['Species', 'Island', 'Body Mass (g)']));
 * ```
 */
export function recordsCsv(records: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return stringify(
    records.map((record) => columns.map((name) => (Object.hasOwn(record, name) ? record[name] : undefined) ?? '')),
    { header: true, columns: [...columns], cast: { boolean: (value) => String(value) } },
  );
}
