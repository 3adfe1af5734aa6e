import { DatasetError } from '../dataset-error.js';
import { COLUMN_KINDS, type ColumnKind } from './column-kind.js';
import { KindSniffer, type CellPlace } from './kind-sniffer.js';
import { asBoolean, asEpochMs, asNumber, isMissing, type RawRecord, type RawValue, type TabularValue } from './values.js';

export { COLUMN_KINDS, type ColumnKind } from './column-kind.js';

/** One column: its name (as in the CSV header or JSON keys) and kind. */
export interface ColumnSchema {
  readonly name: string;
  readonly kind: ColumnKind;
}

/** User choices that replace inferred kinds, e.g. `{ zip: 'categorical' }`. */
export type SchemaOverrides = Readonly<Record<string, ColumnKind>>;

/** Whether a kind is modelled as a number (standardised) rather than a category (one-hot). */
export function isNumericKind(kind: ColumnKind): kind is 'continuous' | 'integer' | 'datetime' {
  return kind === 'continuous' || kind === 'integer' || kind === 'datetime';
}

/**
 * Infers the kind of every column from its non-missing cells (see {@link KindSniffer}: boolean,
 * integer, continuous, datetime, categorical or identifier), then applies `overrides`. Columns keep
 * their first-seen order. A column with no value at all cannot be inferred and must be overridden.
 *
 * @example
 * ```ts
 * inferSchema([{ a: '1', b: '2.5', c: 'x' }, { a: '3', b: 'NA', c: 'y' }]);
 * // [{ name: 'a', kind: 'integer' }, { name: 'b', kind: 'continuous' }, { name: 'c', kind: 'categorical' }]
 * ```
 */
export function inferSchema(records: readonly RawRecord[], overrides: SchemaOverrides = {}, place: CellPlace = (row) => `data row ${row + 1}`): ColumnSchema[] {
  const sniffer = new KindSniffer();
  records.forEach((record, row) => sniffer.observe(record, row));
  return schemaFromSniffer(sniffer, overrides, place);
}

/**
 * The schema a {@link KindSniffer} has seen, with `overrides` checked and applied.
 *
 * @example
 * ```ts
 * const schema = schemaFromSniffer(sniffer, { zip: 'categorical' }, (line) => `data.csv line ${line}`);
 * ```
 */
export function schemaFromSniffer(sniffer: KindSniffer, overrides: SchemaOverrides, place: CellPlace): ColumnSchema[] {
  const names = sniffer.names();
  for (const [name, kind] of Object.entries(overrides)) {
    if (!names.includes(name)) throw new DatasetError('tabular', `schema override for unknown column "${name}"; the columns are ${names.join(', ')}`);
    if (!COLUMN_KINDS.includes(kind)) throw new DatasetError('tabular', `schema override "${name}: ${kind}" is not a kind; use one of ${COLUMN_KINDS.join(', ')}`);
  }
  const kinds = sniffer.kinds(overrides, place);
  return names.map((name) => ({ name, kind: kinds.get(name)! }));
}

/**
 * Reads one cell as its column's type: a number (datetimes: epoch ms), a boolean, a string label,
 * or `null` when missing. A cell that does not fit its column throws, naming the column and value.
 *
 * @example
 * ```ts
 * parseCell('2.5', { name: 'x', kind: 'continuous' }); // 2.5
 * parseCell('NA', { name: 'x', kind: 'continuous' }); // null
 * ```
 */
export function parseCell(value: RawValue, column: ColumnSchema): TabularValue {
  if (isMissing(value)) return null;
  const fail = (expected: string) =>
    new DatasetError('tabular', `column "${column.name}" is ${column.kind} but holds ${JSON.stringify(value)}; expected ${expected} (or override its kind)`);
  switch (column.kind) {
    case 'continuous':
    case 'integer': {
      const n = asNumber(value);
      if (n === undefined) throw fail('a number');
      return n;
    }
    case 'datetime': {
      const ms = typeof value === 'number' ? value : asEpochMs(value);
      if (ms === undefined) throw fail('an ISO 8601 date such as 2024-01-31 or 2024-01-31T12:00:00Z');
      return ms;
    }
    case 'boolean': {
      const b = asBoolean(value) ?? (value === 1 || value === '1' ? true : value === 0 || value === '0' ? false : undefined);
      if (b === undefined) throw fail('true/false, yes/no or 1/0');
      return b;
    }
    case 'categorical':
    case 'identifier':
      return String(value).trim();
  }
}
