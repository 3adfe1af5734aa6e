import { stringify } from 'csv-stringify/browser/esm/sync';

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

/**
 * CSV lines for rows of cell texts (no header unless given), escaped as {@link recordsCsv} does:
 * for writing a large CSV piece by piece.
 *
 * @example
 * ```ts
 * out.write(csvLines([['a', 'b']], ['x', 'y'])); // "x,y\na,b\n"
 * ```
 */
export function csvLines(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  return stringify(header === undefined ? rows.map((r) => [...r]) : [[...header], ...rows.map((r) => [...r])]);
}
