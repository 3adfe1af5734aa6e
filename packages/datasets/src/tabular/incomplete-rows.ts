import { DatasetError } from '../dataset-error.js';
import { encodeCell, encodingWidth, isCategoryEncoding, decodeCell, modeCount, type ColumnEncoding } from './column-encoder.js';
import { MISSING_CATEGORY } from './missing.js';
import { parseCell } from './schema.js';
import type { TabularEncoder } from './tabular-encoder.js';
import { isMissing, type RawRecord, type TabularValue } from './values.js';

/** One row to complete, encoded: which slots of x are known, and where the row came from. */
export interface IncompleteRow {
  /** x with the known cells encoded and 0 in the slots of missing cells. */
  readonly x: Float32Array;
  /** 1 for the slots of known cells, 0 for the slots of missing ones (same layout as x). */
  readonly observed: Float32Array;
  readonly c: Float32Array;
  /** Names of the x columns whose cell is missing, in encoder order. */
  readonly missing: readonly string[];
}

/**
 * Reads rows with empty cells for completion from p(x_missing | x_observed, c): the known cells
 * are encoded as in training, the missing ones are marked unobserved whatever the column's
 * training missing-value policy (an empty cell here is a question, not the `(missing)` class), and
 * a completed x is written back in the training columns' own spelling. Condition cells must be
 * given: the model completes x given c, and has no estimate of a missing c.
 *
 * @example
 * ```ts
 * const rows = new IncompleteRows(encoder, header, 'in.csv');
 * const row = rows.encode(record, 'in.csv line 7'); // { x, observed, c, missing }
 * const cells = rows.complete(record, draw, mean); // the record's cells, empty ones filled
 * ```
 */
export class IncompleteRows {
  /** Spellings of `true`/`false` per boolean column, learnt from the known cells of the input. */
  readonly #booleanWords = new Map<string, { true?: string; false?: string }>();

  constructor(
    readonly encoder: TabularEncoder,
    readonly header: readonly string[],
    readonly file: string,
  ) {
    const known = encoder.schema.map((c) => c.name);
    const unknown = header.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new DatasetError('tabular', `${file} line 1: unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}; the model was trained on ${known.join(', ')}`, { fix: `remove or rename ${unknown.length > 1 ? 'them' : 'it'}` });
    }
    const absent = known.filter((name) => !header.includes(name));
    if (absent.length > 0) {
      throw new DatasetError('tabular', `${file} line 1: the model's column${absent.length > 1 ? 's' : ''} ${absent.map((n) => `"${n}"`).join(', ')} ${absent.length > 1 ? 'are' : 'is'} not in the header`, { fix: `add ${absent.length > 1 ? 'them' : 'it'} (empty cells are filled)` });
    }
  }

  /**
   * Encodes one record. Throws a `DatasetError` naming `place` for a missing condition cell, a
   * class the training split never saw, or a cell that does not fit its column.
   */
  encode(record: RawRecord, place: string): IncompleteRow {
    const { encoder } = this;
    const x = new Float32Array(encoder.xSize);
    const observed = new Float32Array(encoder.xSize);
    const c = new Float32Array(encoder.cSize);
    const missing: string[] = [];
    let at = 0;
    for (const e of encoder.xColumns) {
      const width = encodingWidth(e);
      const value = this.#typed(e, record[e.name], place);
      if (value === null) missing.push(e.name);
      else {
        this.#learnSpelling(e, record[e.name], value);
        encodeCell(e, value, x, at);
        observed.fill(1, at, at + width);
      }
      at += width;
    }
    at = 0;
    for (const e of encoder.conditionColumns) {
      const value = this.#typed(e, record[e.name], place);
      if (value === null) {
        throw new DatasetError('tabular', `${place}: condition column "${e.name}" is empty; the model completes a row given its condition (${encoder.conditionColumns.map((k) => k.name).join(', ')})`, { fix: 'give it a value' });
      }
      encodeCell(e, value, c, at);
      at += encodingWidth(e);
    }
    return { x, observed, c, missing };
  }

  /**
   * The record's cells in header order with every missing x cell filled from `draw` (a completed
   * x); known cells keep their text. Categories are read from the draw's one-hot (when it is the
   * `(missing)` class of a column trained with `--missing category`, the likeliest real class of
   * `mean` instead), numbers with the training precision (integers whole, decimals as in training,
   * dates as dates), booleans as the input file spells them.
   */
  complete(record: RawRecord, draw: Float32Array, mean: Float32Array): string[] {
    const filled = new Map<string, string>();
    let at = 0;
    for (const e of this.encoder.xColumns) {
      if (isMissing(record[e.name])) filled.set(e.name, this.#text(e, readFilled(e, draw, mean, at)));
      at += encodingWidth(e);
    }
    return this.header.map((name) => filled.get(name) ?? rawText(record[name]));
  }

  #typed(e: ColumnEncoding, raw: RawRecord[string], place: string): TabularValue {
    const column = this.encoder.schema.find((s) => s.name === e.name)!;
    let value: TabularValue;
    try {
      value = parseCell(raw, column);
    } catch (error) {
      throw new DatasetError('tabular', `${place}: ${(error as DatasetError).detail}`, { cause: error });
    }
    if (value !== null && isCategoryEncoding(e) && !e.categories.includes(String(value))) {
      const classes = e.categories.filter((k) => k !== MISSING_CATEGORY);
      throw new DatasetError('tabular', `${place}: column "${e.name}" holds "${String(value)}", a class the training split never had; the classes are ${classes.join(', ')}`, { fix: 'use one of them, or leave the cell empty to have it filled' });
    }
    return value;
  }

  #learnSpelling(e: ColumnEncoding, raw: RawRecord[string], value: TabularValue): void {
    if (e.kind !== 'boolean' || typeof raw !== 'string') return;
    const words = this.#booleanWords.get(e.name) ?? {};
    words[String(value) as 'true' | 'false'] ??= raw.trim();
    this.#booleanWords.set(e.name, words);
  }

  #text(e: ColumnEncoding, value: TabularValue): string {
    if (typeof value === 'boolean') return this.#booleanWords.get(e.name)?.[String(value) as 'true' | 'false'] ?? String(value);
    if (typeof value === 'number' && !isCategoryEncoding(e) && e.decimals !== undefined) return value.toFixed(e.decimals);
    return value === null ? '' : String(value);
  }
}

/** A filled cell: the missing class / missing indicator of a `category` column is not an answer. */
function readFilled(e: ColumnEncoding, draw: Float32Array, mean: Float32Array, at: number): TabularValue {
  if (isCategoryEncoding(e)) {
    const value = decodeCell(e, draw, at);
    if (value !== null) return value;
    const scores = Float32Array.from(mean.subarray(at, at + e.categories.length - 1)); // the missing class is last
    return decodeCell({ ...e, categories: e.categories.slice(0, -1) }, scores, 0);
  }
  if (e.missing !== 'category') return decodeCell(e, draw, at);
  const slots = Float32Array.from(draw.subarray(at, at + encodingWidth(e)));
  slots[1 + modeCount(e)] = 0;
  return decodeCell(e, slots, 0);
}

function rawText(value: RawRecord[string]): string {
  return value === null || value === undefined ? '' : String(value);
}
