import type { Batch, BatchOptions, ColumnGroup, DatasetAdapter, DatasetSpec, LoadOptions, Split } from '@cvae/core';
import { permutation, seededRandom } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import { fromJsonRecords } from './json-records.js';
import { checkMissingOption, type MissingOption } from './missing.js';
import { readCsvRecords } from './read-csv.js';
import { inferSchema, type ColumnSchema, type SchemaOverrides } from './schema.js';
import { splitRows } from './split.js';
import { TabularEncoder } from './tabular-encoder.js';
import { typedRows } from './typed-rows.js';
import type { RawRecord, TabularRecord } from './values.js';

/** Options of {@link TabularAdapter}: where the table comes from, which columns condition, how to split. */
export interface TabularAdapterOptions {
  /** Path of a CSV file with a header line. Give `csv` or `records`. */
  readonly csv?: string;
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
  /** Fraction of rows held out for test (default 0.2). */
  readonly testFraction?: number;
  /** Seed of the train/test split (default 0). */
  readonly seed?: number;
  /** Display name in the spec (default: the file name, or `table`). */
  readonly name?: string;
}

/** What `load()` found: rows read, rows dropped and why, the schema. */
export interface TabularLoadInfo {
  readonly rows: number;
  /** Rows dropped for a missing value under the `drop` policy. */
  readonly droppedMissing: number;
  /** Test rows dropped because a class in them never occurs in the training split. */
  readonly droppedUnseen: number;
  readonly schema: readonly ColumnSchema[];
}

interface SplitData {
  readonly rows: TabularRecord[];
  readonly x: Float32Array;
  readonly c: Float32Array;
}

interface Loaded {
  readonly encoder: TabularEncoder;
  readonly spec: DatasetSpec;
  readonly info: TabularLoadInfo;
  readonly train: SplitData;
  readonly test: SplitData;
}

/**
 * A table (CSV file or in-memory records) as a dataset: the chosen condition columns form c, the
 * others form x; a seeded split holds out `testFraction` of the rows, and every encoder (means,
 * deviations, classes, imputed values) is fitted on the training split only.
 *
 * The spec says `likelihood: 'gaussian'` (the contract knows no other continuous choice): the
 * model should instead use `{ kind: 'mixed', groups: adapter.likelihoodGroups() }`.
 *
 * @example
 * ```ts
 * const adapter = new TabularAdapter({ csv: 'penguins.csv', condition: ['Species'], missing: { Sex: 'category' } });
 * await adapter.load();
 * const likelihood = { kind: 'mixed', groups: adapter.likelihoodGroups() };
 * for await (const { x, c, size } of adapter.batches('train', 64, { seed: 1 })) step(x, c, size);
 * adapter.decode(sampledX, c); // typed records
 * ```
 */
export class TabularAdapter implements DatasetAdapter {
  readonly id = 'tabular';
  private loaded: Loaded | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly options: TabularAdapterOptions) {
    if ((options.csv === undefined) === (options.records === undefined)) {
      throw new DatasetError('tabular', 'give exactly one of csv (a file path) or records (an array of objects)');
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
  likelihoodGroups(logSigma?: number): ColumnGroup[] {
    return this.data().encoder.likelihoodGroups(logSigma);
  }

  /** Decodes rows of x and c back to typed records (see `TabularEncoder.decode`). */
  decode(x: Float32Array, c: Float32Array): TabularRecord[] {
    return this.data().encoder.decode(x, c);
  }

  /** The typed rows of a split, e.g. the real side of a quality report. */
  rows(split: Split): readonly TabularRecord[] {
    return this.data()[split].rows;
  }

  load(options: LoadOptions = {}): Promise<void> {
    return (this.loading ??= this.read(options).catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    }));
  }

  size(split: Split): number {
    return this.data()[split].rows.length;
  }

  /** Mini-batches of `split`; train is shuffled by default (seeded), test is not. Buffers are reused. */
  async *batches(split: Split, batchSize: number, options: BatchOptions = {}): AsyncGenerator<Batch, void, undefined> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new DatasetError(this.id, `batchSize must be a positive integer, got ${batchSize}`);
    const { encoder } = this.data();
    const { x, c, rows } = this.data()[split];
    const n = rows.length;
    const order = (options.shuffle ?? split === 'train') ? permutation(n, seededRandom(`${options.seed ?? 0}:order`)) : undefined;
    const [dx, dc] = [encoder.xSize, encoder.cSize];
    const capacity = Math.min(batchSize, n);
    const bx = new Float32Array(capacity * dx);
    const bc = new Float32Array(capacity * dc);
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      for (let r = 0; r < size; r++) {
        const row = order ? order[start + r] : start + r;
        bx.set(x.subarray(row * dx, (row + 1) * dx), r * dx);
        bc.set(c.subarray(row * dc, (row + 1) * dc), r * dc);
      }
      yield size === capacity ? { x: bx, c: bc, size } : { x: bx.subarray(0, size * dx), c: bc.subarray(0, size * dc), size };
    }
  }

  private data(): Loaded {
    if (!this.loaded) throw new DatasetError(this.id, 'call load() first: the spec and splits depend on the table');
    return this.loaded;
  }

  private async read({ signal, onProgress }: LoadOptions): Promise<void> {
    const { csv, delimiter, condition, missing, testFraction = 0.2, seed = 0 } = this.options;
    onProgress?.({ stage: 'reading', fraction: 0 });
    const records: readonly RawRecord[] = csv !== undefined ? await readCsvRecords(csv, { delimiter, signal }) : fromJsonRecords(this.options.records);
    const schema = inferSchema(records, this.options.schema);
    checkMissingOption(missing, schema.map((s) => s.name));
    const { rows, dropped } = typedRows(records, schema, missing);
    const split = splitRows(rows.length, testFraction, seed);
    const trainRows = Array.from(split.train, (i) => rows[i]);
    const encoder = TabularEncoder.fit(schema, trainRows, { condition, missing });
    const testRows = Array.from(split.test, (i) => rows[i]).filter((row) => encodes(encoder, row));
    const name = this.options.name ?? (csv ? (csv.split(/[\\/]/).pop() ?? csv) : 'table');
    this.loaded = {
      encoder,
      spec: {
        name,
        input: { shape: [encoder.xSize], size: encoder.xSize, kind: 'continuous' },
        condition: encoder.conditionSpec(),
        likelihood: 'gaussian',
      },
      info: { rows: records.length, droppedMissing: dropped, droppedUnseen: split.test.length - testRows.length, schema },
      train: { rows: trainRows, ...encoder.encode(trainRows) },
      test: { rows: testRows, ...encoder.encode(testRows) },
    };
    if (testRows.length === 0) throw new DatasetError(this.id, 'no test row is left: every test row holds a class the training split lacks; use a smaller testFraction or another seed');
    onProgress?.({ stage: 'reading', fraction: 1 });
  }
}

function encodes(encoder: TabularEncoder, row: TabularRecord): boolean {
  try {
    encoder.encode([row]);
    return true;
  } catch (error) {
    if (error instanceof DatasetError) return false;
    throw error;
  }
}
