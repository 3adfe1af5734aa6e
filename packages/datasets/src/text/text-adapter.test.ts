import { describeDatasetAdapter } from '@cvae/core/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDataset } from '../registry.js';
import { readNames } from './names.js';
import { readTextFile } from './read-text.js';
import { TextAdapter } from './text-adapter.js';
import { Vocabulary, tokenize } from './vocabulary.js';

const dir = mkdtempSync(join(tmpdir(), 'cvae-text-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

// The built-in names set and a CSV of one's own pass the kit every adapter runs.
describeDatasetAdapter(() => createDataset('names'), { batchSize: 256 });
const subjects = file(
  'subjects.csv',
  'subject,label\n' + Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? `"Cheap pills, offer ${i}",spam` : `Meeting notes ${i},ham`)).join('\n') + '\n',
);
describeDatasetAdapter(() => createDataset('text', { text: subjects, textColumn: 'subject', condition: 'label', tokens: 'word', maxLength: 6 }), { batchSize: 16 });

describe('names', () => {
  it('reads the two stdlib lists: 4,951 female and 3,898 male names', async () => {
    const { texts, labels } = await readNames();
    expect(labels!.filter((l) => l === 'female')).toHaveLength(4951);
    expect(labels!.filter((l) => l === 'male')).toHaveLength(3898);
    expect(texts.every((t) => t.length > 0 && t.trim() === t)).toBe(true);
  });

  it('splits 80/20 with a seed, fits the vocabulary on the training split and truncates nothing at length 16', async () => {
    const names = createDataset('names') as TextAdapter;
    await names.load();
    expect(names.size('train') + names.size('test')).toBe(8849);
    expect(names.size('test')).toBe(1770);
    expect(names.info.truncated).toBe(0);
    expect(names.spec.condition.classNames).toEqual(['female', 'male']);
    expect(names.spec.likelihood).toEqual({ kind: 'tokens', vocabularySize: names.vocabulary.size });
    const again = createDataset('names') as TextAdapter;
    await again.load();
    expect(again.texts('test')).toEqual(names.texts('test'));
  });
});

describe('vocabulary', () => {
  it('keeps the most frequent training tokens, reads the others as <unk> and decodes up to the end token', () => {
    const vocabulary = Vocabulary.fit(['the cat', 'the dog', 'the cat sat'], 'word', 5);
    expect(vocabulary.tokens).toEqual(['<pad>', '<end>', '<unk>', 'the', 'cat']);
    expect(vocabulary.decode([...vocabulary.encode('the cat ran'), 1, 0])).toBe('the cat <unk>');
    expect(Vocabulary.fromJSON(JSON.parse(JSON.stringify(vocabulary))).tokens).toEqual(vocabulary.tokens);
  });

  it('splits characters by code point and words with their punctuation', () => {
    expect(tokenize('Zoë😀', 'char')).toEqual(['Z', 'o', 'ë', '😀']);
    expect(tokenize("Don't panic, Anne-Marie!", 'word')).toEqual(["Don't", 'panic', ',', 'Anne-Marie', '!']);
  });
});

describe('text files: bad input', () => {
  it('refuses an empty file, naming it', async () => {
    const empty = file('empty.txt', '\n  \n');
    await expect(readTextFile(empty)).rejects.toThrow(`[cvae] [text] ${empty} holds no text (every line is blank); fix: one text per line`);
  });

  it('refuses a missing condition column, listing the columns there are', async () => {
    await expect(readTextFile(subjects, { textColumn: 'subject', condition: 'category' })).rejects.toThrow(`${subjects} has no column "category" (--condition); its columns: subject, label`);
  });

  it('refuses invalid UTF-8 with the line and byte offset', async () => {
    const latin1 = file('latin1.txt', Uint8Array.from([...Buffer.from('Anna\nZo'), 0xeb, 0x0a]));
    await expect(readTextFile(latin1)).rejects.toThrow(/latin1\.txt: invalid UTF-8 at line 2 \(byte offset 7, byte 0xeb\); fix: save the file as UTF-8/);
  });

  it('truncates a text longer than the maximum length, keeps the end token and counts it', async () => {
    const lines = file('lines.txt', 'abcdefghij\nab\nabc\nba\n');
    const adapter = new TextAdapter({ read: () => readTextFile(lines), maxLength: 4, testFraction: 0.25 });
    await adapter.load();
    expect(adapter.info.truncated).toBe(1);
    const rows: number[][] = [];
    for (const split of ['train', 'test'] as const) for await (const b of adapter.batches(split, 10, { shuffle: false })) for (let r = 0; r < b.size; r++) rows.push(Array.from(b.x.subarray(r * 4, r * 4 + 4)));
    expect(rows.map((r) => adapter.vocabulary.decode(r)).sort()).toEqual(['ab', 'abc', 'abc', 'ba']);
    expect(rows.every((r) => r.includes(1))).toBe(true);
  });
});
