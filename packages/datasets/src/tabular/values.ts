import { parseIsoDatetime } from './datetime-format.js';

/** A cell as read from a CSV (always a string) or a JSON record (string, number, boolean or null). */
export type RawValue = string | number | boolean | null | undefined;

/** One input row: column name → raw cell. */
export type RawRecord = Readonly<Record<string, RawValue>>;

/** A typed cell: numbers for continuous/integer columns, ISO strings for datetimes, `null` when missing. */
export type TabularValue = string | number | boolean | null;

/** One typed row: column name → typed cell. */
export type TabularRecord = Record<string, TabularValue>;

/** Cell texts read as a missing value (compared after trimming; case-sensitive, as R and pandas write them). */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'NaN', 'null'];

const TRUE_WORDS = new Set(['true', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', 'no', 'n']);
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether a cell is missing: `null`, `undefined`, `NaN` or one of {@link MISSING_TOKENS}.
 *
 * @example
 * ```ts
 * isMissing('NA'); // true
 * isMissing('0'); // false
 * ```
 */
export function isMissing(value: RawValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') return MISSING_TOKENS.includes(value.trim());
  return false;
}

/**
 * The number a cell holds (a JSON number or a decimal string), or `undefined`.
 *
 * @example
 * ```ts
 * asNumber(' 3.5 '); // 3.5
 * asNumber('3,5'); // undefined
 * ```
 */
export function asNumber(value: RawValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMBER.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * The boolean a cell holds (`true`/`false`, `yes`/`no`, `y`/`n`, any case), or `undefined`.
 * (`1`/`0` are numbers unless the column's kind is overridden to boolean.)
 *
 * @example
 * ```ts
 * asBoolean('Yes'); // true
 * ```
 */
export function asBoolean(value: RawValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/**
 * Epoch milliseconds of an ISO 8601 date or date-time cell (no zone: UTC), or `undefined`.
 *
 * @example
 * ```ts
 * asEpochMs('1970-01-02'); // 86400000
 * ```
 */
export function asEpochMs(value: RawValue): number | undefined {
  return typeof value === 'string' ? parseIsoDatetime(value) : undefined;
}

/**
 * The number a typed or decoded cell stands for: numbers as they are, number strings, ISO dates as
 * epoch ms; `undefined` for missing cells, booleans and labels. (Decoded datetimes are ISO strings,
 * typed ones epoch ms: both compare as numbers.)
 *
 * @example
 * ```ts
 * cellNumber('1970-01-02'); // 86400000
 * ```
 */
export function cellNumber(value: TabularValue): number | undefined {
  if (value === null || typeof value === 'boolean') return undefined;
  return typeof value === 'number' ? value : (asNumber(value) ?? asEpochMs(value));
}

/**
 * An empty record without a prototype: column names come from data, and a column named
 * `__proto__` or `constructor` must be a plain key, never the object's prototype.
 *
 * @example
 * ```ts
 * const record = emptyRecord<TabularValue>();
 * record['__proto__'] = 1; // an own property; Object.prototype is untouched
 * ```
 */
export function emptyRecord<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/**
 * `object[key]` when `key` is the object's own property, else `undefined`: a column named
 * `constructor` must not find `Object.prototype.constructor` in a plain options object.
 *
 * @example
 * ```ts
 * ownValue({}, 'constructor'); // undefined
 * ```
 */
export function ownValue<V>(object: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * The key of a combination of values (fixed combinations, condition values): a JSON array of their
 * labels, `null` for missing.
 *
 * @example
 * ```ts
 * combinationKey(['Adelie', 'Dream']); // '["Adelie","Dream"]'
 * ```
 */
export function combinationKey(values: readonly TabularValue[]): string {
  return JSON.stringify(values.map((v) => (v === null ? null : String(v))));
}
