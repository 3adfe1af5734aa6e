import { splitNameValuePairs } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import { encodeCell, encodingWidth, isCategoryEncoding, type ColumnEncoding, type NumericEncoding } from './column-encoder.js';
import { MISSING_CATEGORY } from './missing.js';
import type { TabularEncoder } from './tabular-encoder.js';
import { asBoolean, asEpochMs, asNumber, MISSING_TOKENS, type TabularRecord, type TabularValue } from './values.js';

/** What a `--given` asks of one column. */
export type GivenTarget =
  /** A class of a categorical or boolean column (`(missing)` for a missing cell under the `category` policy). */
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'number'; readonly value: number }
  /** A number in [lo, hi] (both included). */
  | { readonly kind: 'range'; readonly lo: number; readonly hi: number }
  /** A missing number (its "is missing" indicator set; `category` policy only). */
  | { readonly kind: 'missing' };

/** One request: a generated (non-condition) column and what it must hold. */
export interface Given {
  readonly column: string;
  readonly target: GivenTarget;
}

const fail = (text: string) => new DatasetError('tabular', `--given ${text}`);
const isMissingWord = (v: string) => v === 'missing' || MISSING_TOKENS.includes(v);

/** A datetime or number written by a user, in the column's unit (datetimes: epoch ms). */
function numberOf(e: NumericEncoding, text: string): number | undefined {
  return e.kind === 'datetime' ? asEpochMs(text) : asNumber(text);
}

function describeRange(e: NumericEncoding): string {
  if (e.min === undefined || e.max === undefined) return 'a number';
  const show = (v: number) => (e.kind === 'datetime' ? new Date(v).toISOString() : String(v));
  return `a number or lo..hi within the training range ${show(e.min)}..${show(e.max)}`;
}

function parseTarget(e: ColumnEncoding, text: string, spelling: { true?: string; false?: string; missing?: string } = {}): GivenTarget {
  const where = `"${e.name}=${text}"`;
  if (isCategoryEncoding(e)) {
    const missing = isMissingWord(text) || text === spelling.missing;
    if (missing && e.categories.includes(MISSING_CATEGORY)) return { kind: 'label', label: MISSING_CATEGORY };
    if (e.kind === 'boolean') {
      const b = text === spelling.true ? true : text === spelling.false ? false : asBoolean(text);
      if (b !== undefined) return { kind: 'label', label: String(b) };
    } else if (e.categories.includes(text) && text !== MISSING_CATEGORY) {
      return { kind: 'label', label: text };
    }
    const valid = e.kind === 'boolean' ? [spelling.true ?? 'true', spelling.false ?? 'false'] : e.categories.filter((c) => c !== MISSING_CATEGORY);
    if (e.categories.includes(MISSING_CATEGORY)) valid.push('missing');
    throw fail(`${where}: column "${e.name}" takes one of ${valid.join(', ')}`);
  }
  if (isMissingWord(text) || text === spelling.missing) {
    if (e.missing === 'category') return { kind: 'missing' };
    throw fail(`${where}: column "${e.name}" was trained without missing values (its policy is "${e.missing}"); it takes ${describeRange(e)}`);
  }
  const [lo, hi] = text.includes('..') ? text.split('..').map((t) => numberOf(e, t.trim())) : [numberOf(e, text), undefined];
  const range = text.includes('..');
  if (lo === undefined || (range && hi === undefined) || (range && hi! < lo)) throw fail(`${where}: column "${e.name}" takes ${describeRange(e)}`);
  const [min, max] = [e.min ?? -Infinity, e.max ?? Infinity];
  if ((range ? hi! < min || lo > max : lo < min || lo > max)) throw fail(`${where}: outside column "${e.name}"'s values; it takes ${describeRange(e)}`);
  return range ? { kind: 'range', lo: Math.max(lo, min), hi: Math.min(hi!, max) } : { kind: 'number', value: lo };
}

/**
 * Parses `--given COL=VALUE[,COL=VALUE]` against a fitted encoder: each column must be a generated
 * (non-condition) column; a categorical value must be one of its classes (booleans in the input's
 * words, `missing` for a missing cell under the `category` policy); a number is a value or a
 * `lo..hi` range inside the training range. A comma followed by no `=` stays in the value (a label such as
 * `Washington, DC`). Anything else is refused naming the column and what it takes.
 *
 * @example
 * ```ts
 * parseGiven('Island=Biscoe,Flipper Length (mm)=200..210', encoder);
 * // [{ column: 'Island', target: { kind: 'label', label: 'Biscoe' } }, { column: 'Flipper Length (mm)', target: { kind: 'range', lo: 200, hi: 210 } }]
 * ```
 */
export function parseGiven(text: string, encoder: TabularEncoder): Given[] {
  const givens: Given[] = [];
  for (const part of splitNameValuePairs(text)) {
    const at = part.indexOf('=');
    const [column, value] = [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    if (at <= 0) throw fail(`expects COL=VALUE pairs separated by commas, found "${part}"`);
    if (encoder.conditionColumns.some((e) => e.name === column)) throw fail(`"${column}" is a condition column: give it with --condition ${column}=VALUE`);
    const e = encoder.xColumns.find((x) => x.name === column);
    if (e === undefined) throw fail(`"${column}" is not a generated column; they are ${encoder.xColumns.map((x) => x.name).join(', ')}`);
    if (givens.some((g) => g.column === column)) throw fail(`names column "${column}" twice`);
    givens.push({ column, target: parseTarget(e, value, encoder.spelling[column]) });
  }
  return givens;
}

/** Where each generated column sits in a row of x. */
export function xOffsets(encoder: TabularEncoder): Map<string, { encoding: ColumnEncoding; offset: number; width: number }> {
  const out = new Map<string, { encoding: ColumnEncoding; offset: number; width: number }>();
  let offset = 0;
  for (const encoding of encoder.xColumns) {
    const width = encodingWidth(encoding);
    out.set(encoding.name, { encoding, offset, width });
    offset += width;
  }
  return out;
}

/**
 * The x rows and observed mask that fix the given columns for completion: a label or number is
 * encoded in every slot of its column; a missing number sets only its indicator; a range takes the
 * value `pick(row)` chooses in it. Other slots are 0 and unobserved.
 *
 * @example
 * ```ts
 * const { x, observed } = givenRows(encoder, givens, 100, () => 205);
 * completeMissing(model, x, observed, c);
 * ```
 */
export function givenRows(encoder: TabularEncoder, givens: readonly Given[], rows: number, pick: (given: Given, row: number) => number): { x: Float32Array; observed: Float32Array } {
  const offsets = xOffsets(encoder);
  const x = new Float32Array(rows * encoder.xSize);
  const observed = new Float32Array(rows * encoder.xSize);
  for (const given of givens) {
    const { encoding, offset, width } = offsets.get(given.column)!;
    for (let r = 0; r < rows; r++) {
      const at = r * encoder.xSize + offset;
      const { target } = given;
      if (target.kind === 'missing') {
        x[at + width - 1] = 1;
        observed[at + width - 1] = 1;
        continue;
      }
      const value = target.kind === 'label' ? target.label : target.kind === 'number' ? target.value : pick(given, r);
      encodeCell(encoding, target.kind === 'label' && target.label === MISSING_CATEGORY ? null : value, x, at);
      observed.fill(1, at, at + width);
    }
  }
  return { x, observed };
}

/**
 * How far a decoded number may sit from what was asked and still honour it: half the unit the
 * column is written in (integers 0.5; continuous columns half their last decimal; dates half a
 * day; date-times half a second), since decoded values are rounded to that unit.
 *
 * @example
 * ```ts
 * givenTolerance({ kind: 'continuous', decimals: 1, ... }); // 0.05
 * ```
 */
export function givenTolerance(e: NumericEncoding): number {
  if (e.kind === 'integer') return 0.5;
  if (e.kind === 'datetime') return e.dateOnly ? 43_200_000 : 500;
  return 0.5 * 10 ** -(e.decimals ?? 6);
}

/**
 * Whether a decoded record holds what `given` asked (labels exactly; numbers within {@link givenTolerance}).
 *
 * @example
 * ```ts
 * honours(record, { column: 'Island', target: { kind: 'label', label: 'Biscoe' } }, encoder); // true
 * ```
 */
export function honours(record: TabularRecord, given: Given, encoder: TabularEncoder): boolean {
  const e = encoder.xColumns.find((x) => x.name === given.column)!;
  const value: TabularValue = record[given.column] ?? null;
  const { target } = given;
  if (target.kind === 'label') return target.label === MISSING_CATEGORY ? value === null : value !== null && String(value) === target.label;
  if (target.kind === 'missing') return value === null;
  if (value === null || isCategoryEncoding(e)) return false;
  const v = typeof value === 'number' ? value : (numberOf(e, String(value)) ?? NaN);
  const tolerance = givenTolerance(e);
  return target.kind === 'number' ? Math.abs(v - target.value) <= tolerance : v >= target.lo - tolerance && v <= target.hi + tolerance;
}
