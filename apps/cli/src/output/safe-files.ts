import { CvaeError, isPlainFileName } from '@cvae/core';
import { open, rename, rm, stat } from 'node:fs/promises';

/**
 * Refuses a name that is not a plain file name: names that come from data, a manifest or a
 * plugin (saved files, report files) must never become paths outside the folder they go in.
 *
 * @example
 * ```ts
 * plainFileName('samples.csv', 'the tabular report'); // 'samples.csv'
 * plainFileName('../x', 'the tabular report'); // throws CvaeError
 * ```
 */
export function plainFileName(name: string, owner: string): string {
  if (!isPlainFileName(name)) {
    throw new CvaeError('files', `${owner} names a file "${name.slice(0, 80)}"; expected a plain file name (letters, digits, . _ -), no folders`, {
      fix: 'the dataset plugin or the model folder is broken or tampered with; report it to its author',
    });
  }
  return name;
}

/**
 * Writes `data` to `path` so that a reader (or a crash) never sees half of it: into a sibling
 * temporary file first, then renamed over `path` (atomic on POSIX).
 *
 * @example
 * ```ts
 * await writeFileAtomic('samples.png', png);
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The size of `path`, refused above `limit` bytes before a byte is read (a 1 GB "manifest" is
 * not parsed). A missing file gives `undefined`.
 *
 * @example
 * ```ts
 * const size = await boundedSize('model/model.json', 64 << 20, 'a model manifest');
 * ```
 */
export async function boundedSize(path: string, limit: number, what: string): Promise<number | undefined> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw new CvaeError('files', `${path}: cannot be read (${error.code ?? error.message})`);
  });
  if (info === undefined) return undefined;
  if (!info.isFile()) throw new CvaeError('files', `${path}: expected ${what} (a file), found a ${info.isDirectory() ? 'directory' : 'special file'}`);
  if (info.size > limit) {
    throw new CvaeError('files', `${path}: ${info.size} bytes, more than the ${limit} bytes ${what} may have; not read`, { fix: 'point at the file `cvae train` wrote; this one is not it' });
  }
  return info.size;
}
