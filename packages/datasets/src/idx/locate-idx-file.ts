import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Finds `name` or `name.gz` in `dir` (the raw file wins when both exist, as it loads faster).
 * Returns `undefined` when neither exists, so the caller can word the error for its dataset.
 *
 * @example
 * ```ts
 * locateIdxFile('/data/mnist', 'train-images-idx3-ubyte');
 * // '/data/mnist/train-images-idx3-ubyte.gz' when only the gzipped download is there
 * ```
 */
export function locateIdxFile(dir: string, name: string): string | undefined {
  for (const candidate of [name, `${name}.gz`]) {
    const path = join(dir, candidate);
    if (existsSync(path)) return path;
  }
  return undefined;
}
