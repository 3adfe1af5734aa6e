import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { DatasetError } from '../dataset-error.js';

/** Texts and, when the source has one, the label of each (the condition). */
export interface LabelledTexts {
  readonly texts: readonly string[];
  /** One label per text; undefined when the source has no condition. */
  readonly labels?: readonly string[];
  /** What the reader left out or changed, for the dataset's describe line (e.g. repeated subjects dropped). */
  readonly notes?: readonly string[];
}

/** Options of {@link readTextFile}. */
export interface ReadTextOptions {
  /** The CSV column holding the text; without it the file is read as one text per line. */
  readonly textColumn?: string;
  /** The CSV column holding the condition (a label per text). */
  readonly condition?: string;
  readonly delimiter?: string;
}

/** Byte offset of the first invalid UTF-8 sequence in `bytes`, or -1 when it is valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF.
    if ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0) || (b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90)) return i;
    i += extra + 1;
  }
  return -1;
}

/** Decodes UTF-8 (a byte-order mark skipped), or throws naming the file, line and byte offset of the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
    throw new DatasetError(
      'text',
      `${file}: invalid UTF-8 at line ${line} (byte offset ${bad}, byte 0x${bytes[bad].toString(16).padStart(2, '0')}); fix: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8 ${file} > fixed.txt)`,
    );
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Reads texts from a file: one text per non-blank line, or, with `textColumn`, the rows of a CSV
 * file (header row; quoted fields may hold delimiters and newlines) with the label from
 * `condition`. Throws a `DatasetError` naming the file for a missing file, invalid UTF-8, an
 * empty file or a missing column (listing the columns there are).
 *
 * @example
 * ```ts
 * const { texts, labels } = await readTextFile('subjects.csv', { textColumn: 'subject', condition: 'label' });
 * ```
 */
export async function readTextFile(file: string, options: ReadTextOptions = {}): Promise<LabelledTexts> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new DatasetError('text', `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, { cause: error });
  });
  const content = decodeUtf8(bytes, file);
  if (options.textColumn === undefined) {
    if (options.condition !== undefined) throw new DatasetError('text', `--condition ${options.condition} names a CSV column: give --text-column COL too, or drop --condition for a plain lines file`);
    const texts = content.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
    if (texts.length === 0) throw new DatasetError('text', `${file} holds no text (every line is blank); fix: one text per line`);
    return { texts };
  }
  let rows: Record<string, string>[];
  try {
    rows = parse(content, { columns: true, skip_empty_lines: true, delimiter: options.delimiter ?? ',', bom: true, relax_column_count: false }) as Record<string, string>[];
  } catch (error) {
    throw new DatasetError('text', `${file} is not a valid CSV file: ${(error as Error).message}`, { cause: error });
  }
  if (rows.length === 0) throw new DatasetError('text', `${file} holds no CSV rows (a header row, then one row per text)`);
  const columns = Object.keys(rows[0]);
  for (const [flag, column] of [['--text-column', options.textColumn], ['--condition', options.condition]] as const) {
    if (column !== undefined && !columns.includes(column)) {
      throw new DatasetError('text', `${file} has no column "${column}" (${flag}); its columns: ${columns.join(', ')}`);
    }
  }
  const kept = rows.filter((row) => row[options.textColumn!].trim() !== '');
  if (kept.length === 0) throw new DatasetError('text', `${file}: column "${options.textColumn}" is empty in every row`);
  return {
    texts: kept.map((row) => row[options.textColumn!].trim()),
    ...(options.condition !== undefined && { labels: kept.map((row) => row[options.condition!].trim()) }),
  };
}
