import type { DatasetFlag } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import { CONDITION_FLAG, DELIMITER_FLAG } from '../tabular/tabular-flags.js';

function integerAtLeast(flag: string, min: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new DatasetError('text', `--${flag} takes an integer of at least ${min}, found "${text}"`);
    return n;
  };
}

/** `--max-length`: positions per text, end token included (longer texts are cut and counted). */
export const MAX_LENGTH_FLAG: DatasetFlag = {
  name: 'maxLength',
  value: '<n>',
  description: '--dataset text, names, spam-assassin: tokens per text, the end token included; longer texts are truncated (the count is printed). Default: text 40, names 16, spam-assassin 20',
  parse: integerAtLeast('max-length', 2),
};

/** `--vocabulary`: a cap on the vocabulary, specials included (rarer training tokens read as `<unk>`). */
export const VOCABULARY_FLAG: DatasetFlag = {
  name: 'vocabulary',
  value: '<n>',
  description: '--dataset text, spam-assassin: keep the n - 3 most frequent training tokens (the rest read as <unk>). Default: text all, spam-assassin 2000',
  parse: integerAtLeast('vocabulary', 4),
};

/** The flags of `--dataset text`, as apps register them. */
export const TEXT_FLAGS: readonly DatasetFlag[] = [
  { name: 'text', value: '<file>', description: '--dataset text: a UTF-8 file, one text per line, or a CSV file with --text-column', locatesData: true },
  { name: 'textColumn', value: '<column>', description: '--dataset text: the CSV column holding the text (the file is then read as CSV)' },
  CONDITION_FLAG,
  DELIMITER_FLAG,
  MAX_LENGTH_FLAG,
  {
    name: 'tokens',
    value: '<unit>',
    description: '--dataset text: char (one token per character, the default) or word (words and punctuation; --vocabulary caps the count)',
    parse: (text) => {
      if (text !== 'char' && text !== 'word') throw new DatasetError('text', `--tokens takes char or word, found "${text}"`);
      return text;
    },
  },
  VOCABULARY_FLAG,
];
