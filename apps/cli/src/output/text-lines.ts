import type { DatasetDescriptor, RecordDecoder, SavedFiles } from '@cvae/core';
import { UsageError } from '../usage-error.js';
import { writeFileAtomic } from './safe-files.js';

/**
 * The decoder of a text model's token ids (its descriptor's `restore`): records with a `text`
 * column and the condition's column.
 */
export function textDecoder(descriptor: DatasetDescriptor, files: SavedFiles): RecordDecoder {
  const decoder = descriptor.restore?.(files);
  if (decoder === undefined) throw new UsageError(`dataset "${descriptor.id}" presents text but its descriptor has no restore()`);
  return decoder;
}

/**
 * Writes lines of text to `out` when it names a `.txt` file, else prints them on stdout (so a
 * text model's commands can be piped). The file is written atomically (a temporary file renamed over
 * it), so an interrupted write leaves the previous file whole. Returns where they went.
 *
 * @example
 * ```ts
 * await writeLines('samples.png', ['female\tAnna']); // printed: not a .txt name
 * ```
 */
export async function writeLines(out: string | undefined, lines: readonly string[]): Promise<string> {
  const text = `${lines.join('\n')}\n`;
  if (out !== undefined && out.toLowerCase().endsWith('.txt')) {
    await writeFileAtomic(out, text);
    return out;
  }
  process.stdout.write(text);
  return 'stdout';
}
