import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { IdxFormatError } from './idx-format-error.js';
import { parseIdx, type IdxTensor, type ParseIdxOptions } from './parse-idx.js';

/** An IDX file read from disk, with the md5 of its uncompressed bytes. */
export interface IdxFile extends IdxTensor {
  /** The path it was read from. */
  readonly path: string;
  /** Hex md5 of the uncompressed bytes, so `x` and `x.gz` hash the same and match published checksums. */
  readonly md5: string;
  /** Whether the file on disk was gzipped. */
  readonly gzipped: boolean;
}

/**
 * Returns `bytes` uncompressed when they start with the gzip magic (1f 8b), else `bytes` itself.
 * Detecting by content rather than by the `.gz` suffix copes with files renamed by browsers or mirrors.
 *
 * @throws IdxFormatError naming the file when the gzip stream is corrupt or cut short
 *
 * @example
 * ```ts
 * gunzipIfNeeded(gzipSync(raw), 'x.gz'); // equals raw
 * gunzipIfNeeded(raw, 'x'); // raw, not copied
 * ```
 */
export function gunzipIfNeeded(bytes: Uint8Array, fileName: string): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new IdxFormatError(fileName, `corrupt gzip data (${reason}); delete the file and fetch it again`, { cause });
  }
}

/**
 * Reads an unsigned-byte IDX file, raw or gzipped, parses it and hashes the uncompressed bytes.
 *
 * @param path - the file to read; error messages name it
 * @throws IdxFormatError on corrupt gzip data or an invalid IDX layout
 *
 * @example
 * ```ts
 * const labels = await readIdxFile('/data/mnist/t10k-labels-idx1-ubyte.gz', { ndims: 1 });
 * labels.dims; // [10000]
 * labels.md5; // '27ae3e4e09519cfbb04c329615203637'
 * ```
 */
export async function readIdxFile(path: string, options: ParseIdxOptions = {}): Promise<IdxFile> {
  const onDisk = new Uint8Array(await readFile(path));
  const bytes = gunzipIfNeeded(onDisk, path);
  const tensor = parseIdx(bytes, path, options);
  const md5 = createHash('md5').update(bytes).digest('hex');
  return { ...tensor, path, md5, gzipped: bytes !== onDisk };
}
