import type { Batch, BatchOptions, ColumnGroup, DatasetAdapter, DatasetSpec, LoadOptions, Split } from '@cvae/core';
import { permutation, seededRandom } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import type { ContinuousEncoding } from './column-encoder.js';
import { ColumnTableBuilder, type ColumnTable } from './column-table.js';
import { KindSniffer } from './kind-sniffer.js';
import { checkMissingOption, type MissingOption } from './missing.js';
import { csvTextSource } from './csv-text.js';
import { recordsSource, type RecordSource } from './record-source.js';
import { schemaFromSniffer, type ColumnSchema, type SchemaOverrides } from './schema.js';
import { holdOutValidation, splitRows } from './split.js';
import { checkConditionColumns, TabularEncoder, type TableRowWriter } from './tabular-encoder.js';
import type { TabularRecord } from './values.js';

/** Options of {@link TabularAdapter}: where the table comes from, which columns condition, how to split. */
export interface TabularAdapterOptions {
  /**
   * Path of a CSV file with a header line (Node: the adapter from `@cvae/datasets`). Give exactly one
   * of `csv`, `csvText` or `records`.
   */
  readonly csv?: string;
  /** The text of a CSV file with a header line, e.g. `await file.text()` in a page. */
  readonly csvText?: string;
  /** Records already in memory (e.g. parsed JSON). */
  readonly records?: readonly object[];
  /** CSV delimiter (default `,`). */
  readonly delimiter?: string;
  /** Columns that form the condition c (at least one); the others are generated. */
  readonly condition: readonly string[];
  /** Kinds that replace the inferred ones, e.g. `{ zip: 'categorical' }`. */
  readonly schema?: SchemaOverrides;
  /** Missing-value policy, for all columns or per column (default `drop`). */
  readonly missing?: MissingOption;
  /** Encoding of the generated number columns (see {@link ContinuousEncoding}; default `standard`, the CLI default `auto`). */
  readonly continuous?: ContinuousEncoding;
  /** Groups of categorical columns (e.g. `[['Species', 'Island']]`) whose generated combinations must occur in training. */
  readonly combinations?: readonly (readonly string[])[];
  /** Fraction of rows held out for test (default 0.2). */
  readonly testFraction?: number;
  /**
   * Fraction of the training rows held out again as a validation split (default 0: none): rows the
   * model never trains on and the encoder is not fitted on, for choosing when to stop
   * ({@link TabularAdapter.validationView}). The test split stays untouched for the quality report.
   */
  readonly validationFraction?: number;
  /** Seed of the train/test (and validation) split (default 0). */
  readonly seed?: number;
  /** Bytes the loaded table may take (Node: default half of the machine's memory); a CSV file that would need more is refused before it is read. */
  readonly memoryBudget?: number;
  /** Display name in the spec and in messages (default: the file name, or `table`). */
  readonly name?: string;
}

/** What `load()` found: rows read, rows dropped and why, the schema. */
export interface TabularLoadInfo {
  readonly rows: number;
  /** Rows dropped for a missing value under the `drop` policy. */
  readonly droppedMissing: number;
  /** Test rows dropped because a class in them never occurs in the training split. */
  readonly droppedUnseen: number;
  /** Every column with its kind, identifiers included. */
  readonly schema: readonly ColumnSchema[];
  /** Identifier columns (names, ids: nearly every value distinct), left out of the model. */
  readonly ignored: readonly string[];
}

/** A split's rows: indices into the table (validation: empty unless `validationFraction` is set). */
type Splits = Record<Split | 'validation', Uint32Array>;

interface Loaded {
  readonly table: ColumnTable;
  readonly splits: Splits;
  readonly write: TableRowWriter;
  readonly encoder: TabularEncoder;
  readonly spec: DatasetSpec;
  readonly info: TabularLoadInfo;
}

/**
 * A table (CSV file, CSV text or in-memory records) as a dataset: the chosen condition columns form c, the
 * others form x; a seeded split holds out `testFraction` of the rows, and every encoder (means,
 * deviations, mixture modes, classes, imputed values) is fitted on the training split only.
 *
 * Memory stays bounded for large files: `load()` streams a CSV twice (once to infer the kinds,
 * once to type the cells into a column-by-column {@link ColumnTable}), and batches are encoded
 * from the table on the fly, so no per-row object and no full x matrix is ever held.
 *
 * The spec's likelihood is `{ kind: 'mixed', groups }`: one group per run of number slots
 * (Gaussian), per categorical column and per mode/missing indicator, so a model built from the
 * spec models each column with its own likelihood.
 *
 * This class reads no files, so it runs in browsers too (`@cvae/datasets/browser`; give `csvText`
 * or `records`); `@cvae/datasets` exports its Node subclass, which also reads `csv` file paths.
 *
 * @example
 * ```ts
 * const adapter = new TabularAdapter({ csvText: await file.text(), name: file.name, condition: ['Species'], missing: { Sex: 'category' } });
 * await adapter.load();
 * const config = parseModelConfig({ inputSize: adapter.spec.input.size, conditionSize: adapter.spec.condition.size, likelihood: adapter.spec.likelihood });
 * for await (const { x, c, size } of adapter.batches('train', 64, { seed: 1 })) step(x, c, size);
 * adapter.decode(sampledX, c); // typed records
 * ```
 */
export class TabularAdapter implements DatasetAdapter {
  readonly id = 'tabular';
  private loaded: Loaded | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly options: TabularAdapterOptions) {
    this.memoryBudget = options.memoryBudget;
    if ([options.csv, options.csvText, options.records].filter((o) => o !== undefined).length !== 1) {
      throw new DatasetError('tabular', 'give exactly one of csv (a file path), csvText (the text of a CSV file) or records (an array of objects)');
    }
  }

  get spec(): DatasetSpec {
    return this.data().spec;
  }

  /** The fitted schema and encoders; `toJSON()` it next to the model to sample without the CSV. */
  get encoder(): TabularEncoder {
    return this.data().encoder;
  }

  /** Rows and drops seen by `load()`. */
  get info(): TabularLoadInfo {
    return this.data().info;
  }

  /** Column groups of x for the mixed likelihood (see `TabularEncoder.likelihoodGroups`). */
  likelihoodGroups(sigma?: number): ColumnGroup[] {
    return this.data().encoder.likelihoodGroups(sigma);
  }

  /** Decodes rows of x and c back to typed records (see `TabularEncoder.decode`). */
  decode(x: Float32Array, c: Float32Array): TabularRecord[] {
    return this.data().encoder.decode(x, c);
  }

  /** The typed rows of a split, e.g. the real side of a quality report. Built on each call. */
  rows(split: Split): readonly TabularRecord[] {
    const { table, splits } = this.data();
    return table.records(splits[split]);
  }

  /**
   * At most `limit` rows of a split (a seeded choice, in split order when it has more), typed and
   * with their encoded condition rows: e.g. the real rows and conditions of a quality report on a
   * large table.
   *
   * @example
   * ```ts
   * const { rows, c } = adapter.subset('test', 10_000, 0);
   * const synthetic = sampleRecords(model, adapter.encoder, c, 0);
   * ```
   */
  subset(split: Split, limit: number, seed = 0): { rows: TabularRecord[]; c: Float32Array } {
    const { table, splits, write, encoder } = this.data();
    let chosen = splits[split];
    if (chosen.length > limit) {
      const picks = permutation(chosen.length, seededRandom(`${seed}:subset`)).slice(0, limit).sort();
      chosen = picks.map((i) => chosen[i]);
    }
    const x = new Float32Array(encoder.xSize);
    const c = new Float32Array(chosen.length * encoder.cSize);
    chosen.forEach((row, i) => write(row, x, 0, c, i * encoder.cSize));
    return { rows: table.records(chosen), c };
  }

  load(options: LoadOptions = {}): Promise<void> {
    return (this.loading ??= this.read(options).catch((error: unknown) => {
      this.loading = undefined;
      throw this.naming(error);
    }));
  }

  size(split: Split): number {
    return this.data().splits[split].length;
  }

  /** Mini-batches of `split`, encoded from the table as they are made; train is shuffled by default (seeded), test is not. Buffers are reused. */
  batches(split: Split, batchSize: number, options: BatchOptions = {}): AsyncGenerator<Batch, void, undefined> {
    return this.batchesOf(this.data().splits[split], batchSize, options.shuffle ?? split === 'train', options.seed);
  }

  /**
   * The validation rows as a dataset whose `test` split they are (its `train` split is this
   * adapter's), for `evaluateElbo(model, view, 'test')` after each epoch; undefined without a
   * validation split (`validationFraction` 0).
   *
   * @example
   * ```ts
   * const adapter = new TabularAdapter({ csv: 'cars.csv', condition: ['Origin'], validationFraction: 0.1 });
   * await adapter.load();
   * const { negElbo } = await evaluateElbo(model, adapter.validationView()!, 'test');
   * ```
   */
  validationView(): DatasetAdapter | undefined {
    const { splits, spec } = this.data();
    if (splits.validation.length === 0) return undefined;
    const rowsOf = (split: Split) => (split === 'test' ? splits.validation : splits.train);
    return {
      id: `${this.id}:validation`,
      spec,
      load: async () => {},
      size: (split) => rowsOf(split).length,
      batches: (split, batchSize, options = {}) => this.batchesOf(rowsOf(split), batchSize, options.shuffle ?? split === 'train', options.seed),
    };
  }

  private async *batchesOf(rows: Uint32Array, batchSize: number, shuffle: boolean, seed = 0): AsyncGenerator<Batch, void, undefined> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new DatasetError(this.id, `batchSize must be a positive integer, got ${batchSize}`);
    const { encoder, write } = this.data();
    const n = rows.length;
    const order = shuffle ? permutation(n, seededRandom(`${seed}:order`)) : undefined;
    const [dx, dc] = [encoder.xSize, encoder.cSize];
    const capacity = Math.min(batchSize, n);
    const bx = new Float32Array(capacity * dx);
    const bc = new Float32Array(capacity * dc);
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      for (let r = 0; r < size; r++) write(rows[order ? order[start + r] : start + r], bx, r * dx, bc, r * dc);
      yield size === capacity ? { x: bx, c: bc, size } : { x: bx.subarray(0, size * dx), c: bc.subarray(0, size * dc), size };
    }
  }

  /** A table-level error (a missing condition column, an empty column) gets the CSV's path in front, so it names its input. */
  private naming(error: unknown): unknown {
    const { csv } = this.options;
    if (csv === undefined || !(error instanceof DatasetError) || error.message.includes(csv)) return error;
    return new DatasetError(error.scope, `${csv}: ${error.detail}`, { cause: error });
  }

  private data(): Loaded {
    if (!this.loaded) throw new DatasetError(this.id, 'call load() first: the spec and splits depend on the table');
    return this.loaded;
  }

  /** Reads a CSV file: only the Node subclass (exported by `@cvae/datasets`) can. */
  protected openFile(path: string, _options: { delimiter?: string; signal?: AbortSignal }): RecordSource {
    throw new DatasetError(this.id, `cannot read the file ${path} here: this adapter reads no files (browser entry); fix: pass its text as csvText (in a page: await file.text()), or use TabularAdapter from '@cvae/datasets' in Node`);
  }

  /** The `memoryBudget` option, for the Node subclass's file check. */
  protected readonly memoryBudget: number | undefined;

  /** Checks a CSV file before it is read (the Node subclass: the memory budget); nothing here. */
  protected async checkFile(_path: string, _delimiter: string): Promise<void> {}

  private openSource(name: string, signal: AbortSignal | undefined): RecordSource {
    const { csv, csvText, delimiter, records } = this.options;
    if (csv !== undefined) return this.openFile(csv, { delimiter, signal });
    if (csvText !== undefined) return csvTextSource(csvText, { name, delimiter });
    return recordsSource(records, signal);
  }

  private async read({ signal, onProgress }: LoadOptions): Promise<void> {
    const { csv, delimiter, condition, missing, continuous, combinations, testFraction = 0.2, validationFraction = 0, seed = 0 } = this.options;
    if (csv !== undefined) await this.checkFile(csv, delimiter ?? ',');
    const name = this.options.name ?? (csv ? (csv.split(/[\\/]/).pop() ?? csv) : 'table');
    const source = this.openSource(name, signal);
    onProgress?.({ stage: 'reading', fraction: 0 });
    // Pass 1: kinds, from counters only.
    const sniffer = new KindSniffer();
    for await (const [record, row] of source.scan()) sniffer.observe(record, row);
    const schema = schemaFromSniffer(sniffer, this.options.schema ?? {}, source.place);
    checkMissingOption(missing, schema.map((s) => s.name));
    checkConditionColumns(schema, condition);
    onProgress?.({ stage: 'reading', fraction: 0.5 });
    // Pass 2: typed cells, column by column.
    const modelled = schema.filter((c) => c.kind !== 'identifier');
    const builder = new ColumnTableBuilder(modelled, missing);
    for await (const [record, row] of source.scan()) builder.push(record, row, source.place);
    const table = builder.finish();
    const split = splitRows(table.length, testFraction, seed);
    const { train, validation } = holdOutValidation(split.train, validationFraction, seed);
    const encoder = TabularEncoder.fitTable(table, train, { condition, missing, continuous, combinations });
    const write = encoder.tableWriter(table);
    const test = keepEncodable(split.test, write, encoder);
    if (test.length === 0) throw new DatasetError(this.id, 'no test row is left: every test row holds a class the training split lacks; use a smaller testFraction or another seed');
    this.loaded = {
      table,
      splits: { train, test, validation: keepEncodable(validation, write, encoder) },
      write,
      encoder,
      spec: {
        name,
        input: { shape: [encoder.xSize], size: encoder.xSize, kind: 'continuous' },
        condition: encoder.conditionSpec(),
        likelihood: { kind: 'mixed', groups: encoder.likelihoodGroups() },
      },
      info: {
        rows: sniffer.rows,
        droppedMissing: builder.dropped,
        droppedUnseen: split.test.length - test.length,
        schema,
        ignored: schema.filter((c) => c.kind === 'identifier').map((c) => c.name),
      },
    };
    onProgress?.({ stage: 'reading', fraction: 1 });
  }
}

/** The test rows the encoder can encode (a class unseen in training cannot be). */
function keepEncodable(rows: Uint32Array, write: TableRowWriter, encoder: TabularEncoder): Uint32Array {
  const [x, c] = [new Float32Array(encoder.xSize), new Float32Array(encoder.cSize)];
  return rows.filter((row) => {
    try {
      write(row, x, 0, c, 0);
      return true;
    } catch (error) {
      if (error instanceof DatasetError) return false;
      throw error;
    }
  });
}
