import { ColumnTableBuilder } from './column-table.js';
import type { MissingOption } from './missing.js';
import type { ColumnSchema } from './schema.js';
import type { RawRecord, TabularRecord } from './values.js';

/** Typed rows and how many raw rows the `drop` policy removed. */
export interface TypedRows {
  readonly rows: TabularRecord[];
  readonly dropped: number;
}

/**
 * Types every cell by its column's kind (`parseCell`) and drops the rows that miss a value in a
 * column whose missing-value policy is `drop`. A cell that does not fit its column throws, naming
 * the row (1-based data row). For large tables keep the {@link ColumnTable} instead of records.
 *
 * @example
 * ```ts
 * const { rows, dropped } = typedRows(records, inferSchema(records), { Sex: 'category' });
 * ```
 */
export function typedRows(records: readonly RawRecord[], schema: readonly ColumnSchema[], missing?: MissingOption): TypedRows {
  const builder = new ColumnTableBuilder(schema, missing);
  records.forEach((record, row) => builder.push(record, row, (r) => `data row ${r + 1}`));
  const table = builder.finish();
  return { rows: table.records(Uint32Array.from({ length: table.length }, (_, i) => i)), dropped: builder.dropped };
}
