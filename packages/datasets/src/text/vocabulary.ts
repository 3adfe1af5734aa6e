import { END_ID, PAD_ID, UNK_ID } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';

/** What a token is: one Unicode character (code point), or one word (letters/digits run, or one punctuation mark). */
export type TokenUnit = 'char' | 'word';

/** The three special tokens, at ids 0, 1, 2 (`PAD_ID`, `END_ID`, `UNK_ID` of core). */
export const SPECIAL_TOKENS = ['<pad>', '<end>', '<unk>'] as const;

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*|[^\s\p{L}\p{N}]/gu;

/**
 * Splits a text into tokens: code points for `char` (so "é" or an emoji is one token), words and
 * single punctuation marks for `word`.
 *
 * @example
 * ```ts
 * tokenize('Anne-Marie', 'char').length; // 10
 * tokenize("Don't panic!", 'word'); // ["Don't", 'panic', '!']
 * ```
 */
export function tokenize(text: string, unit: TokenUnit): string[] {
  return unit === 'char' ? Array.from(text) : (text.match(WORD) ?? []);
}

/** A fitted vocabulary as saved beside a model. */
export interface VocabularyJson {
  readonly unit: TokenUnit;
  readonly tokens: readonly string[];
}

/**
 * Token ↔ id, fitted on the training split only: ids 0..2 are padding, end and unknown; then the
 * tokens by falling frequency (ties in code-unit order), at most `maxSize` in all. A token not
 * kept (rarer, or seen only in the test split) reads as `<unk>`.
 *
 * @example
 * ```ts
 * const vocabulary = Vocabulary.fit(['ann', 'bob'], 'char');
 * vocabulary.decode(vocabulary.encode('nab')); // 'nab'
 * ```
 */
export class Vocabulary {
  private readonly ids: Map<string, number>;

  private constructor(
    readonly unit: TokenUnit,
    readonly tokens: readonly string[],
  ) {
    this.ids = new Map(tokens.map((t, i) => [t, i]));
  }

  /** Fits on `texts` (the training split), keeping at most `maxSize` tokens, specials included. */
  static fit(texts: Iterable<string>, unit: TokenUnit, maxSize = Infinity): Vocabulary {
    if (maxSize < SPECIAL_TOKENS.length + 1) throw new DatasetError('text', `the vocabulary needs room for at least one token besides ${SPECIAL_TOKENS.join(', ')}: --vocabulary must be at least 4, found ${maxSize}`);
    const counts = new Map<string, number>();
    for (const text of texts) for (const token of tokenize(text, unit)) counts.set(token, (counts.get(token) ?? 0) + 1);
    const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([token]) => token);
    return new Vocabulary(unit, [...SPECIAL_TOKENS, ...ranked.slice(0, maxSize - SPECIAL_TOKENS.length)]);
  }

  /** Rebuilds a saved vocabulary. */
  static fromJSON(json: VocabularyJson): Vocabulary {
    if ((json.unit !== 'char' && json.unit !== 'word') || !Array.isArray(json.tokens) || SPECIAL_TOKENS.some((t, i) => json.tokens[i] !== t)) {
      throw new DatasetError('text', 'not a vocabulary file: expected { unit: "char" | "word", tokens: ["<pad>", "<end>", "<unk>", ...] }');
    }
    return new Vocabulary(json.unit, json.tokens);
  }

  /** The vocabulary as saved in vocabulary.json (`Vocabulary.fromJSON` reads it back). */
  toJSON(): VocabularyJson {
    return { unit: this.unit, tokens: this.tokens };
  }

  /** Number of ids, specials included. */
  get size(): number {
    return this.tokens.length;
  }

  /** Ids of the text's tokens (no end token), unknown ones as `<unk>`. */
  encode(text: string): number[] {
    return tokenize(text, this.unit).map((t) => this.ids.get(t) ?? UNK_ID);
  }

  /** The text of `ids` up to the first end token (padding skipped; words joined by spaces). */
  decode(ids: ArrayLike<number>): string {
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = Math.round(ids[i]);
      if (id === END_ID) break;
      if (id !== PAD_ID) tokens.push(this.tokens[id] ?? SPECIAL_TOKENS[UNK_ID]);
    }
    return tokens.join(this.unit === 'char' ? '' : ' ');
  }
}
