import type { ColumnGroup, ConditionAttribute, ConditionSpec } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import type { ColumnTable } from './column-table.js';
import { decodeCell, encodeCell, isCategoryEncoding, encodingWidth, fitColumn, modeCount, type ColumnEncoding, type ContinuousEncoding } from './column-encoder.js';
import { missingPolicyOf, type MissingOption } from './missing.js';
import { isNumericKind, type ColumnSchema } from './schema.js';
import { spellCell, type TableSpelling } from './spelling.js';
import type { TabularRecord, TabularValue } from './values.js';
import { combinationKey, emptyRecord } from './values.js';
import { fitConditionRanges, type ConditionRanges } from './condition-ranges.js';

/**
 * Default fixed log sigma of the Gaussian groups: sigma = 0.1 on standardised columns, the value
 * TVAE starts its learned sigmas from. With sigma = 1 a column the decoder ignores costs only
 * 0.5 nats per row, so the KL term wins and continuous columns collapse to their mean.
 */
export const DEFAULT_SIGMA = 0.1;

/** Options of {@link TabularEncoder.fit}. */
export interface TabularEncoderOptions {
  /** Columns that form the condition c, in this order; the others form x. At least one. */
  readonly condition: readonly string[];
  /** Missing-value policy (default `drop`; rows are dropped before fitting). */
  readonly missing?: MissingOption;
  /** Encoding of number columns (default `standard`; `modes`, `quantile`, `auto`: see {@link ContinuousEncoding}). */
  readonly continuous?: ContinuousEncoding;
  /** How the input wrote each column (see `SpellingRecorder`); generated rows are written the same way. */
  readonly spelling?: TableSpelling;
  /** Groups of categorical columns whose generated combinations must occur in the training split (a constraint). */
  readonly combinations?: readonly (readonly string[])[];
}

/** Writes one table row into x and c at the given offsets (see {@link TabularEncoder.tableWriter}). */
export type TableRowWriter = (row: number, x: Float32Array, xOffset: number, c: Float32Array, cOffset: number) => void;

/** The serialised form of a {@link TabularEncoder} (`toJSON()`), enough to sample without the CSV. */
export interface TabularEncoderJson {
  readonly format: 'cvae-tabular-encoder';
  readonly formatVersion: 1 | 2 | 3 | 4;
  readonly schema: readonly ColumnSchema[];
  readonly x: readonly ColumnEncoding[];
  readonly condition: readonly ColumnEncoding[];
  /** Version 3: how the input wrote each column. */
  readonly spelling?: TableSpelling;
  /** Version 3: the fixed combinations and the ones seen in training. */
  readonly combinations?: readonly SeenCombinations[];
  /** Each number column's range per condition value (absent in files written before it: no such constraint). */
  readonly conditionRanges?: ConditionRanges;
}

/** A group of categorical columns and the value combinations the training split holds (JSON arrays of labels, `null` = missing). */
export interface SeenCombinations {
  readonly columns: readonly string[];
  readonly seen: readonly string[];
}

const sumWidths = (encodings: readonly ColumnEncoding[]) => encodings.reduce((n, e) => n + encodingWidth(e), 0);

/**
 * The fitted schema and per-column encoders of a table: maps typed records to x (the non-condition
 * columns: z-scored numbers, one-hot categories, missing indicators) and c (the condition columns),
 * and back. Fit it on the training split only.
 *
 * @example
 * ```ts
 * const encoder = TabularEncoder.fit(schema, trainRows, { condition: ['Species'] });
 * const { x, c } = encoder.encode(trainRows);
 * const groups = encoder.likelihoodGroups(); // for { kind: 'mixed', groups }
 * const rows = encoder.decode(x, c); // back to records
 * ```
 */
export class TabularEncoder {
  /** Length of one row of x. */
  readonly xSize: number;
  /** Length of one row of c. */
  readonly cSize: number;

  private constructor(
    readonly schema: readonly ColumnSchema[],
    readonly xColumns: readonly ColumnEncoding[],
    readonly conditionColumns: readonly ColumnEncoding[],
    /** How the input wrote each column (booleans' words, decimals, datetime form, missing token). */
    readonly spelling: TableSpelling = {},
    /** Groups of columns whose generated combinations must be ones seen in training. */
    readonly combinations: readonly SeenCombinations[] = [],
    /** Each number column's training range per value of the categorical condition columns (a constraint). */
    readonly conditionRanges?: ConditionRanges,
  ) {
    this.xSize = sumWidths(xColumns);
    this.cSize = sumWidths(conditionColumns);
  }

  /**
   * Fits every column on `rows` (the training split, typed by `parseCell`). Identifier columns
   * are left out: the encoder's `schema` lists the modelled columns.
   *
   * @example
   * ```ts
   * TabularEncoder.fit([{ name: 'a', kind: 'continuous' }, { name: 'k', kind: 'categorical' }], rows, { condition: ['k'] });
   * ```
   */
  static fit(schema: readonly ColumnSchema[], rows: readonly TabularRecord[], options: TabularEncoderOptions): TabularEncoder {
    return TabularEncoder.fitWith(schema, (name) => rows.map((row) => row[name] ?? null), options);
  }

  /**
   * Fits every column of a {@link ColumnTable} on the rows `train` (indices into the table).
   *
   * @example
   * ```ts
   * const encoder = TabularEncoder.fitTable(table, split.train, { condition: ['Species'], continuous: 'modes' });
   * ```
   */
  static fitTable(table: ColumnTable, train: ArrayLike<number>, options: TabularEncoderOptions): TabularEncoder {
    return TabularEncoder.fitWith(table.schema, (name) => table.values(table.indexOf(name), train), { spelling: table.spelling, ...options });
  }

  private static fitWith(allColumns: readonly ColumnSchema[], valuesOf: (name: string) => TabularValue[], options: TabularEncoderOptions): TabularEncoder {
    checkConditionColumns(allColumns, options.condition);
    const schema = allColumns.filter((c) => c.kind !== 'identifier');
    const { condition } = options;
    const fit = (column: ColumnSchema) => {
      const policy = missingPolicyOf(options.missing, column.name);
      const isCondition = condition.includes(column.name);
      if (isCondition && policy === 'category' && isNumericKind(column.kind)) {
        throw new DatasetError('tabular', `condition column "${column.name}" is numeric: its missing values can be dropped or imputed, not made a category`);
      }
      // A condition is an input that users type in (--condition col=value): keep it one z-scored number.
      return fitColumn(column, valuesOf(column.name), policy, isCondition ? 'standard' : options.continuous);
    };
    const bySchemaName = new Map(schema.map((c) => [c.name, c]));
    const x = schema.filter((c) => !condition.includes(c.name)).map(fit);
    const categoricalConditions = condition.filter((name) => !isNumericKind(bySchemaName.get(name)!.kind));
    return new TabularEncoder(
      schema,
      x,
      condition.map((name) => fit(bySchemaName.get(name)!)),
      options.spelling,
      (options.combinations ?? []).map((columns) => seenCombinations(schema, columns, valuesOf)),
      fitConditionRanges(x, categoricalConditions, valuesOf),
    );
  }

  /**
   * Restores an encoder from {@link TabularEncoder.toJSON}'s output (e.g. read from a model directory).
   *
   * @example
   * ```ts
   * const encoder = TabularEncoder.fromJSON(JSON.parse(await readFile('tabular.json', 'utf8')));
   * ```
   */
  static fromJSON(json: unknown): TabularEncoder {
    const value = json as Partial<TabularEncoderJson> | null;
    if (value?.format !== 'cvae-tabular-encoder') throw new DatasetError('tabular', 'not a tabular encoder file (format is not "cvae-tabular-encoder")');
    if (![1, 2, 3, 4].includes(value.formatVersion as number)) {
      throw new DatasetError('tabular', `tabular encoder formatVersion ${value.formatVersion} is not supported (this version reads 1 to 4); refit the encoder`);
    }
    if (!Array.isArray(value.schema) || !Array.isArray(value.x) || !Array.isArray(value.condition)) {
      throw new DatasetError('tabular', 'tabular encoder file lacks schema, x or condition');
    }
    return new TabularEncoder(value.schema, value.x, value.condition, value.spelling ?? {}, value.combinations ?? [], value.conditionRanges);
  }

  /**
   * Plain JSON of the fitted schema and encoders (see {@link TabularEncoder.fromJSON}); version 2
   * added mixture modes, 3 the input's spelling, 4 quantile-transformed columns (written only when
   * a column has them, so a model without them stays readable by version-3 readers).
   */
  toJSON(): TabularEncoderJson {
    const formatVersion = this.xColumns.some((e) => !isCategoryEncoding(e) && e.quantiles) ? 4 : 3;
    return {
      format: 'cvae-tabular-encoder',
      formatVersion,
      schema: this.schema,
      x: this.xColumns,
      condition: this.conditionColumns,
      spelling: this.spelling,
      combinations: this.combinations,
      ...(this.conditionRanges && { conditionRanges: this.conditionRanges }),
    };
  }

  /**
   * Typed records (from {@link TabularEncoder.decode}) as text cells written the way the input
   * wrote them: `yes`/`no` stays `yes`/`no`, `3.50` keeps two decimals, `2024-01-31 12:30` keeps
   * its form, a missing cell is the input's token (e.g. `NA`).
   *
   * @example
   * ```ts
   * encoder.spell(encoder.decode(x, c)); // [{ smoker: 'yes', weight: '3.50', ... }]
   * ```
   */
  spell(records: readonly TabularRecord[]): Record<string, string>[] {
    return records.map((record) => {
      const out: Record<string, string> = {};
      for (const column of this.schema) out[column.name] = spellCell(column, record[column.name] ?? null, this.spelling[column.name]);
      return out;
    });
  }

  /** The condition attributes, in c's layout, for `encodeCondition` of @cvae/core. */
  conditionAttributes(): ConditionAttribute[] {
    return this.conditionColumns.map((e) =>
      isCategoryEncoding(e)
        ? { name: e.name, kind: 'categorical', classes: e.categories }
        : { name: e.name, kind: 'continuous', mean: e.mean, std: e.std },
    );
  }

  /** The condition part of a `DatasetSpec`; `classNames` lists the classes when c is one categorical column. */
  conditionSpec(): ConditionSpec {
    const attributes = this.conditionAttributes();
    const only = attributes.length === 1 && attributes[0].kind === 'categorical' ? attributes[0].classes : [];
    return { kind: 'attributes', names: attributes.map((a) => a.name), size: this.cSize, attributes, classNames: only };
  }

  /**
   * The column groups of x for the mixed likelihood: one Gaussian group per run of adjacent
   * number slots (fixed `sigma`, default {@link DEFAULT_SIGMA}), one categorical group per
   * categorical/boolean column (Bernoulli when it has a single class), one Bernoulli group per
   * missing indicator.
   *
   * @example
   * ```ts
   * const likelihood = { kind: 'mixed', groups: encoder.likelihoodGroups() };
   * ```
   */
  likelihoodGroups(sigma = DEFAULT_SIGMA): ColumnGroup[] {
    const groups: ColumnGroup[] = [];
    let start = 0;
    const gaussian = (at: number) => {
      const last = groups[groups.length - 1];
      if (last?.kind === 'gaussian' && last.start + last.size === at) groups[groups.length - 1] = { ...last, size: last.size + 1 };
      else groups.push({ kind: 'gaussian', start: at, size: 1, sigma });
    };
    for (const e of this.xColumns) {
      if (isCategoryEncoding(e)) {
        groups.push({ kind: e.categories.length > 1 ? 'categorical' : 'bernoulli', start, size: e.categories.length });
      } else {
        gaussian(start);
        const modes = modeCount(e);
        if (modes > 0) groups.push({ kind: 'categorical', start: start + 1, size: modes });
        if (e.missing === 'category') groups.push({ kind: 'bernoulli', start: start + 1 + modes, size: 1 });
      }
      start += encodingWidth(e);
    }
    return groups;
  }

  /**
   * Encodes typed rows into row-major x and c (or into given arrays at a row offset).
   *
   * @example
   * ```ts
   * const { x, c } = encoder.encode(rows); // x: rows.length * xSize values
   * ```
   */
  encode(
    rows: readonly TabularRecord[],
    x = new Float32Array(rows.length * this.xSize),
    c = new Float32Array(rows.length * this.cSize),
    firstRow = 0,
  ): { x: Float32Array; c: Float32Array } {
    rows.forEach((row, i) => {
      const r = firstRow + i;
      write(this.xColumns, row, x, r * this.xSize);
      write(this.conditionColumns, row, c, r * this.cSize);
    });
    return { x, c };
  }

  /**
   * A function that encodes rows of `table` (whose schema holds this encoder's columns) straight
   * into batch buffers, without building records: the data path of large tables.
   *
   * @example
   * ```ts
   * const write = encoder.tableWriter(table);
   * write(row, bx, r * encoder.xSize, bc, r * encoder.cSize);
   * ```
   */
  tableWriter(table: ColumnTable): TableRowWriter {
    const columnsOf = (encodings: readonly ColumnEncoding[]) =>
      encodings.map((e) => {
        const index = table.indexOf(e.name);
        if (index < 0) throw new DatasetError('tabular', `the table has no column "${e.name}" that the encoder was fitted with`);
        return { e, index, width: encodingWidth(e) };
      });
    const [xs, cs] = [columnsOf(this.xColumns), columnsOf(this.conditionColumns)];
    const writeRow = (columns: typeof xs, row: number, out: Float32Array, offset: number) => {
      let at = offset;
      for (const { e, index, width } of columns) {
        encodeCell(e, table.value(index, row), out, at);
        at += width;
      }
    };
    return (row, x, xOffset, c, cOffset) => {
      writeRow(xs, row, x, xOffset);
      writeRow(cs, row, c, cOffset);
    };
  }

  /**
   * Decodes rows of x and c (from `encode`, or a model's output in the same layout: means for
   * numbers, probabilities or logits for classes) into typed records with the original column
   * names and order: class labels, rounded integers, ISO datetimes, booleans, `null` for missing.
   *
   * @example
   * ```ts
   * encoder.decode(x, c); // [{ Species: 'Adelie', 'Body Mass (g)': 3750, ... }, ...]
   * ```
   */
  decode(x: Float32Array, c: Float32Array): TabularRecord[] {
    const rows = x.length / this.xSize;
    if (!Number.isInteger(rows) || c.length !== rows * this.cSize) {
      throw new DatasetError('tabular', `decode: x has ${x.length} values and c ${c.length}; expected rows * ${this.xSize} and rows * ${this.cSize}`);
    }
    const records: TabularRecord[] = [];
    for (let r = 0; r < rows; r++) {
      const values = new Map<string, TabularValue>();
      read(this.xColumns, x, r * this.xSize, values);
      read(this.conditionColumns, c, r * this.cSize, values);
      const record = emptyRecord<TabularValue>();
      for (const column of this.schema) record[column.name] = values.get(column.name) ?? null;
      records.push(record);
    }
    return records;
  }
}

/**
 * Checks the condition columns against a schema: at least one, each a modelled column (not an
 * identifier), none twice, and at least one column left to generate.
 *
 * @example
 * ```ts
 * checkConditionColumns(schema, ['Species']); // throws, naming the columns, if Species is not one
 * ```
 */
export function checkConditionColumns(schema: readonly ColumnSchema[], condition: readonly string[]): void {
  const names = schema.filter((c) => c.kind !== 'identifier').map((c) => c.name);
  if (condition.length === 0) {
    throw new DatasetError('tabular', `condition needs at least one column (e.g. condition: ['${names[0]}']); the columns are ${names.join(', ')}`);
  }
  for (const name of condition) {
    if (schema.some((c) => c.name === name && c.kind === 'identifier')) {
      throw new DatasetError('tabular', `condition column "${name}" looks like an identifier (nearly every value distinct), which is not modelled; if it is a category, override its kind (schema { "${name}": "categorical" })`);
    }
    if (!names.includes(name)) throw new DatasetError('tabular', `condition column "${name}" is not a column; the columns are ${names.join(', ')}`);
  }
  if (new Set(condition).size !== condition.length) throw new DatasetError('tabular', `condition lists a column twice: ${condition.join(', ')}`);
  if (condition.length === names.length) throw new DatasetError('tabular', 'every column is a condition column; leave at least one column to generate');
}

function seenCombinations(schema: readonly ColumnSchema[], columns: readonly string[], valuesOf: (name: string) => TabularValue[]): SeenCombinations {
  for (const name of columns) {
    const column = schema.find((c) => c.name === name);
    if (column === undefined || isNumericKind(column.kind)) {
      const labels = schema.filter((c) => !isNumericKind(c.kind)).map((c) => c.name);
      throw new DatasetError('tabular', `fixed combination ${columns.join('+')}: "${name}" is not a categorical or boolean column; they are ${labels.join(', ')}`);
    }
  }
  if (columns.length < 2) throw new DatasetError('tabular', `a fixed combination needs at least two columns joined by +, found "${columns.join('+')}"`);
  const values = columns.map((name) => valuesOf(name));
  const seen = new Set<string>();
  for (let r = 0; r < values[0].length; r++) seen.add(combinationKey(values.map((v) => v[r])));
  return { columns, seen: [...seen].sort() };
}

function write(encodings: readonly ColumnEncoding[], row: TabularRecord, out: Float32Array, offset: number): void {
  let at = offset;
  for (const e of encodings) {
    encodeCell(e, row[e.name] ?? null, out, at);
    at += encodingWidth(e);
  }
}

function read(encodings: readonly ColumnEncoding[], from: Float32Array, offset: number, into: Map<string, TabularValue>): void {
  let at = offset;
  for (const e of encodings) {
    into.set(e.name, decodeCell(e, from, at));
    at += encodingWidth(e);
  }
}
