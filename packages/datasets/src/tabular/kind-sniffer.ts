import { DatasetError } from '../dataset-error.js';
import type { ColumnKind } from './column-kind.js';
import { asBoolean, asEpochMs, asNumber, isMissing, ownValue, type RawValue } from './values.js';

/**
 * A categorical column is an identifier (names, ids: not modelled) when at least this share of its
 * present cells is distinct and it has at least {@link IDENTIFIER_MIN_DISTINCT} distinct values.
 */
export const IDENTIFIER_DISTINCT_SHARE = 0.5;
export const IDENTIFIER_MIN_DISTINCT = 20;
/** Distinct values counted per column; a categorical column past this is an identifier whatever its size. */
const DISTINCT_CAP = 10_000;
/** A column with at least this share of number cells but a few others is taken for a typo, not categories. */
const NUMERIC_SHARE = 0.9;

/** Where a cell sits, for messages: a CSV file and line, or a record index. */
export type CellPlace = (row: number) => string;

interface ColumnState {
  present: number;
  booleans: number;
  numbers: number;
  integers: number;
  datetimes: number;
  distinct: Set<string> | undefined;
  /** The first cell that is not a number, kept to name it if the column is otherwise numeric. */
  firstNonNumber?: { row: number; value: RawValue };
}

/**
 * Infers column kinds in one streaming pass, keeping only counters per column (and up to 10,000
 * distinct labels), so a file of any length is typed in bounded memory. First match wins:
 * boolean, integer, continuous, datetime, then categorical, or identifier when nearly every label is
 * distinct (names, ids: one-hot cannot model them, so they are left out). A column that is at
 * least 90% numbers but holds a few other cells is refused, naming the first such cell, rather
 * than silently made categorical.
 *
 * @example
 * ```ts
 * const sniffer = new KindSniffer();
 * records.forEach((record, i) => sniffer.observe(record, i));
 * sniffer.kinds({ zip: 'categorical' }, (row) => `record ${row}`); // Map name → kind
 * ```
 */
export class KindSniffer {
  private readonly columns = new Map<string, ColumnState>();
  rows = 0;

  /** Counts one record's cells; `row` is what `place` will turn into a location if a cell is wrong. */
  observe(record: Readonly<Record<string, RawValue>>, row: number): void {
    this.rows++;
    for (const name in record) {
      let state = this.columns.get(name);
      if (state === undefined) this.columns.set(name, (state = { present: 0, booleans: 0, numbers: 0, integers: 0, datetimes: 0, distinct: new Set() }));
      const value = ownValue(record, name);
      if (isMissing(value)) continue;
      state.present++;
      if (asBoolean(value) !== undefined) state.booleans++;
      const n = asNumber(value);
      if (n !== undefined) {
        state.numbers++;
        if (Number.isInteger(n)) state.integers++;
      } else {
        state.firstNonNumber ??= { row, value };
        if (asEpochMs(value) !== undefined) state.datetimes++;
      }
      if (state.distinct !== undefined) {
        state.distinct.add(String(value).trim());
        if (state.distinct.size > DISTINCT_CAP) state.distinct = undefined;
      }
    }
  }

  /** Column names in first-seen order. */
  names(): string[] {
    return [...this.columns.keys()];
  }

  /**
   * The kind of every column (overrides win). Throws for a column without values, or a mostly
   * numeric column with stray cells, naming the cell with `place`.
   */
  kinds(overrides: Readonly<Record<string, ColumnKind>>, place: CellPlace): Map<string, ColumnKind> {
    const kinds = new Map<string, ColumnKind>();
    for (const [name, state] of this.columns) kinds.set(name, ownValue(overrides, name) ?? inferKind(name, state, place));
    return kinds;
  }
}

function inferKind(name: string, s: ColumnState, place: CellPlace): ColumnKind {
  if (s.present === 0) {
    throw new DatasetError('tabular', `column "${name}" has no values, so its kind cannot be inferred; drop the column or give its kind in the schema overrides`);
  }
  if (s.booleans === s.present) return 'boolean';
  if (s.numbers === s.present) return s.integers === s.present ? 'integer' : 'continuous';
  if (s.datetimes === s.present) return 'datetime';
  if (s.numbers >= NUMERIC_SHARE * s.present && s.firstNonNumber) {
    const { row, value } = s.firstNonNumber;
    throw new DatasetError(
      'tabular',
      `${place(row)}, column "${name}": ${JSON.stringify(value)} is not a number, but ${s.numbers} of the column's ${s.present} values are; ` +
        `fix: correct the cell, write a missing value as an empty cell or NA, or declare the column categorical (schema override { "${name}": "categorical" })`,
    );
  }
  const distinct = s.distinct?.size ?? Infinity;
  if (distinct >= IDENTIFIER_MIN_DISTINCT && distinct >= IDENTIFIER_DISTINCT_SHARE * s.present) return 'identifier';
  return 'categorical';
}
