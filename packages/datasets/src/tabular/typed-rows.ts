import { missingPolicyOf, type MissingOption } from './missing.js';
import { parseCell, type ColumnSchema } from './schema.js';
import type { RawRecord, TabularRecord } from './values.js';

/** Typed rows and how many raw rows the `drop` policy removed. */
export interface TypedRows {
  readonly rows: TabularRecord[];
  readonly dropped: number;
}

/**
 * Types every cell by its column's kind (`parseCell`) and drops the rows that miss a value in a
 * column whose missing-value policy is `drop`. A cell that does not fit its column throws, naming
 * the row (1-based data row, i.e. CSV line minus the header for files without embedded newlines).
 *
 * @example
 * ```ts
 * const { rows, dropped } = typedRows(records, inferSchema(records), { Sex: 'category' });
 * ```
 */
export function typedRows(records: readonly RawRecord[], schema: readonly ColumnSchema[], missing?: MissingOption): TypedRows {
  const dropColumns = schema.filter((c) => missingPolicyOf(missing, c.name) === 'drop').map((c) => c.name);
  const rows: TabularRecord[] = [];
  let dropped = 0;
  records.forEach((record, index) => {
    const row: TabularRecord = {};
    try {
      for (const column of schema) row[column.name] = parseCell(record[column.name], column);
    } catch (error) {
      (error as Error).message = `${(error as Error).message} (data row ${index + 1})`;
      throw error;
    }
    if (dropColumns.some((name) => row[name] === null)) dropped++;
    else rows.push(row);
  });
  return { rows, dropped };
}
