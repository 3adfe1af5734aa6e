import { DatasetError } from '../dataset-error.js';
import { asBoolean, asEpochMs, asNumber, isMissing, type RawRecord, type RawValue, type TabularValue } from './values.js';

/**
 * What a column holds:
 * - `continuous`: numbers with a fractional part somewhere in the column;
 * - `integer`: whole numbers only (counts, years); decoded values are rounded;
 * - `boolean`: `true`/`false` or `yes`/`no` (any case);
 * - `categorical`: anything else (labels); integer codes are `integer` unless overridden;
 * - `datetime`: ISO 8601 dates or date-times, modelled as epoch milliseconds (continuous).
 */
export type ColumnKind = 'continuous' | 'integer' | 'boolean' | 'categorical' | 'datetime';

/** Every {@link ColumnKind}, for validating user overrides. */
export const COLUMN_KINDS: readonly ColumnKind[] = ['continuous', 'integer', 'boolean', 'categorical', 'datetime'];

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
 * Infers the kind of every column from its non-missing cells (first match wins: boolean, integer,
 * continuous, datetime, categorical), then applies `overrides`. Columns keep their first-seen order.
 * A column with no value at all cannot be inferred and must be overridden (or removed).
 *
 * @example
 * ```ts
 * inferSchema([{ a: '1', b: '2.5', c: 'x' }, { a: '3', b: 'NA', c: 'y' }]);
 * // [{ name: 'a', kind: 'integer' }, { name: 'b', kind: 'continuous' }, { name: 'c', kind: 'categorical' }]
 * ```
 */
export function inferSchema(records: readonly RawRecord[], overrides: SchemaOverrides = {}): ColumnSchema[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const name of Object.keys(record)) {
      if (!seen.has(name)) {
        names.push(name);
        seen.add(name);
      }
    }
  }
  for (const [name, kind] of Object.entries(overrides)) {
    if (!seen.has(name)) throw new DatasetError('tabular', `schema override for unknown column "${name}"; the columns are ${names.join(', ')}`);
    if (!COLUMN_KINDS.includes(kind)) throw new DatasetError('tabular', `schema override "${name}: ${kind}" is not a kind; use one of ${COLUMN_KINDS.join(', ')}`);
  }
  return names.map((name) => ({ name, kind: overrides[name] ?? inferKind(name, records.map((r) => r[name]).filter((v) => !isMissing(v))) }));
}

function inferKind(name: string, values: readonly RawValue[]): ColumnKind {
  if (values.length === 0) {
    throw new DatasetError('tabular', `column "${name}" has no values, so its kind cannot be inferred; drop the column or give its kind in the schema overrides`);
  }
  if (values.every((v) => asBoolean(v) !== undefined)) return 'boolean';
  const numbers = values.map(asNumber);
  if (numbers.every((n) => n !== undefined)) return numbers.every((n) => Number.isInteger(n)) ? 'integer' : 'continuous';
  if (values.every((v) => asEpochMs(v) !== undefined)) return 'datetime';
  return 'categorical';
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
      return String(value).trim();
  }
}
