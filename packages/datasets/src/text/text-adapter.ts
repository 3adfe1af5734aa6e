import { END_ID, UNK_ID, permutation, seededRandom, type Batch, type BatchOptions, type DatasetAdapter, type DatasetSpec, type Split } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import { splitRows } from '../tabular/split.js';
import type { LabelledTexts } from './read-text.js';
import { Vocabulary, type TokenUnit } from './vocabulary.js';

/** Options of {@link TextAdapter}. */
export interface TextAdapterOptions {
  /** Registry id, e.g. `names`. */
  readonly id?: string;
  /** Display name, e.g. `First names (English)`. */
  readonly name?: string;
  /** Reads the texts (and labels); called once by `load()`. */
  readonly read: () => Promise<LabelledTexts>;
  /** Name of the condition attribute, e.g. `gender`. */
  readonly conditionName?: string;
  /** Positions per example, the end token included: longer texts are truncated (and counted). */
  readonly maxLength?: number;
  readonly unit?: TokenUnit;
  /** Largest vocabulary, specials included (the most frequent training tokens are kept). */
  readonly vocabularySize?: number;
  readonly testFraction?: number;
  /** Seed of the train/test split. */
  readonly seed?: number;
  readonly trainSize?: number;
  readonly testSize?: number;
}

/** What `load()` found, for a describe line. */
export interface TextLoadInfo {
  readonly texts: number;
  /** Texts with more tokens than `maxLength - 1`, cut to fit (the end token always stays). */
  readonly truncated: number;
  /** Test texts dropped because their label does not occur in the training split. */
  readonly droppedUnseen: number;
  /** Test tokens not in the training vocabulary (read as `<unk>`). */
  readonly unknownTestTokens: number;
  readonly longest: number;
  /** The reader's own notes (see {@link LabelledTexts.notes}). */
  readonly notes: readonly string[];
}

interface EncodedSplit {
  readonly x: Float32Array;
  readonly labels: Uint32Array;
  readonly texts: readonly string[];
}

/** The default number of positions per text (end token included) when none is given. */
export const DEFAULT_MAX_LENGTH = 40;

/**
 * Labelled texts as token ids: x holds `maxLength` ids per text (the text's tokens, the end
 * token, then padding 0), c is the one-hot label. The vocabulary and the label set are fitted on
 * the training split only; test texts with a label the training split lacks are dropped (counted).
 * The split is seeded; a text with more than `maxLength - 1` tokens is cut (counted in `info`).
 *
 * @example
 * ```ts
 * const adapter = new TextAdapter({ read: () => readTextFile('names.csv', { textColumn: 'name', condition: 'gender' }), maxLength: 16 });
 * await adapter.load();
 * ```
 */
export class TextAdapter implements DatasetAdapter {
  readonly id: string;
  private loaded?: { spec: DatasetSpec; vocabulary: Vocabulary; classes: string[]; splits: Record<Split, EncodedSplit>; info: TextLoadInfo };
  private loading?: Promise<void>;

  constructor(private readonly options: TextAdapterOptions) {
    this.id = options.id ?? 'text';
  }

  load(): Promise<void> {
    this.loading ??= this.read();
    return this.loading;
  }

  private data() {
    if (this.loaded === undefined) throw new DatasetError(this.id, 'call load() before using the dataset');
    return this.loaded;
  }

  get spec(): DatasetSpec {
    return this.data().spec;
  }

  /** The training vocabulary (token ↔ id). */
  get vocabulary(): Vocabulary {
    return this.data().vocabulary;
  }

  get info(): TextLoadInfo {
    return this.data().info;
  }

  /** The texts of a split, in the order of unshuffled batches (for novelty and classifier checks). */
  texts(split: Split): readonly string[] {
    return this.data().splits[split].texts;
  }

  /** The class index of each text of a split. */
  labels(split: Split): Uint32Array {
    return this.data().splits[split].labels;
  }

  size(split: Split): number {
    return this.data().splits[split].labels.length;
  }

  async *batches(split: Split, batchSize: number, options: BatchOptions = {}): AsyncIterable<Batch> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new DatasetError(this.id, `batchSize must be a positive integer, got ${batchSize}`);
    const { spec, splits } = this.data();
    const { x, labels } = splits[split];
    const length = spec.input.size;
    const classes = spec.condition.size;
    const n = labels.length;
    const shuffle = options.shuffle ?? split === 'train';
    const order = shuffle ? permutation(n, seededRandom(`${this.id}:batches:${options.seed ?? 0}`)) : Uint32Array.from({ length: n }, (_, i) => i);
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      const bx = new Float32Array(size * length);
      const c = new Float32Array(size * classes);
      for (let r = 0; r < size; r++) {
        const i = order[start + r];
        bx.set(x.subarray(i * length, (i + 1) * length), r * length);
        c[r * classes + labels[i]] = 1;
      }
      yield { x: bx, c, size };
    }
  }

  private async read(): Promise<void> {
    const { texts, labels, notes = [] } = await this.options.read();
    const { maxLength = DEFAULT_MAX_LENGTH, unit = 'char', vocabularySize = Infinity, testFraction = 0.2, seed = 0 } = this.options;
    if (!Number.isInteger(maxLength) || maxLength < 2) throw new DatasetError(this.id, `--max-length must be an integer of at least 2 (one token and the end token), found ${maxLength}`);
    if (texts.length < 2) throw new DatasetError(this.id, `${texts.length} text(s): a train and a test split need at least 2`);
    const split = splitRows(texts.length, testFraction, seed);
    // A size limit takes a seeded random subset (kept in file order), so a quick run still sees every class.
    const pick = (indices: Uint32Array, limit?: number) => {
      if (limit === undefined || limit >= indices.length) return Array.from(indices);
      return Array.from(permutation(indices.length, seededRandom(`${seed}:subset`)).slice(0, limit), (k) => indices[k]).sort((a, b) => a - b);
    };
    const [trainRows, testRows] = [pick(split.train, this.options.trainSize), pick(split.test, this.options.testSize)];
    const labelOf = (i: number) => labels?.[i] ?? 'all';
    const classes = [...new Set(trainRows.map(labelOf))].sort();
    const vocabulary = Vocabulary.fit(trainRows.map((i) => texts[i]), unit, vocabularySize);
    let truncated = 0;
    let unknownTestTokens = 0;
    let longest = 0;
    const encode = (rows: number[], test: boolean): EncodedSplit => {
      const kept = rows.filter((i) => classes.includes(labelOf(i)));
      const x = new Float32Array(kept.length * maxLength);
      kept.forEach((i, r) => {
        const ids = vocabulary.encode(texts[i]);
        longest = Math.max(longest, ids.length);
        if (test) unknownTestTokens += ids.filter((id) => id === UNK_ID).length;
        if (ids.length > maxLength - 1) truncated++;
        const cut = ids.slice(0, maxLength - 1);
        x.set(cut, r * maxLength);
        x[r * maxLength + cut.length] = END_ID;
      });
      return { x, labels: Uint32Array.from(kept, (i) => classes.indexOf(labelOf(i))), texts: kept.map((i) => texts[i]) };
    };
    const splits = { train: encode(trainRows, false), test: encode(testRows, true) };
    if (splits.test.labels.length === 0) throw new DatasetError(this.id, 'the test split is empty (every test label is missing from the training split)');
    const spec: DatasetSpec = {
      name: this.options.name ?? 'text',
      input: { shape: [maxLength], size: maxLength, kind: 'tokens' },
      condition: { names: [this.options.conditionName ?? 'label'], kind: 'one-hot', size: classes.length, classNames: classes },
      likelihood: { kind: 'tokens', vocabularySize: vocabulary.size },
    };
    const info = { texts: texts.length, truncated, droppedUnseen: testRows.length - splits.test.labels.length, unknownTestTokens, longest, notes };
    this.loaded = { spec, vocabulary, classes, splits, info };
  }
}
