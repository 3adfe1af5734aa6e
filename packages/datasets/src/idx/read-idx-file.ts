import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { constants, gunzipSync, type ZlibOptions } from 'node:zlib';
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
 * The largest uncompressed IDX file read (1 GiB): the biggest image sets in this format
 * (EMNIST ByClass, ~550 MB) fit; a header declaring more is refused before anything is allocated.
 */
export const MAX_IDX_BYTES = 2 ** 30;

/** Compressed bytes inflated to read the IDX header of a gzipped file (at most ~1 MB of output). */
const HEADER_PEEK = 1024;

/**
 * Returns `bytes` uncompressed when they start with the gzip magic (1f 8b), else `bytes` itself.
 * Detecting by content rather than by the `.gz` suffix copes with files renamed by browsers or mirrors.
 *
 * A gzip bomb (a small file that inflates to gigabytes) is refused: the IDX header is inflated
 * first, and the whole stream may then inflate to no more than the length that header declares
 * (at most {@link MAX_IDX_BYTES}).
 *
 * @throws IdxFormatError naming the file when the gzip stream is corrupt, cut short, or inflates past its header
 *
 * @example
 * ```ts
 * gunzipIfNeeded(gzipSync(raw), 'x.gz'); // equals raw
 * gunzipIfNeeded(raw, 'x'); // raw, not copied
 * ```
 */
export function gunzipIfNeeded(bytes: Uint8Array, fileName: string): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const limit = declaredLength(inflate(bytes.subarray(0, HEADER_PEEK), fileName, { finishFlush: constants.Z_SYNC_FLUSH }), fileName);
  try {
    return inflate(bytes, fileName, { maxOutputLength: Math.max(1, limit) });
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') throw error;
    throw new IdxFormatError(
      fileName,
      `gzip data inflates past the ${limit} bytes its IDX header declares (a gzip bomb, or junk after the data); expected exactly ${limit} bytes; delete the file and fetch it again`,
    );
  }
}

function inflate(bytes: Uint8Array, fileName: string, options: ZlibOptions): Uint8Array {
  try {
    return gunzipSync(bytes, options);
  } catch (cause) {
    if ((cause as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new IdxFormatError(fileName, `corrupt gzip data (${reason}); expected a complete gzip stream; delete the file and fetch it again`, { cause });
  }
}

/**
 * The file length an IDX header declares (header + data), from its first bytes; refuses more
 * than {@link MAX_IDX_BYTES}. Too few bytes for a header give the header's length, so that
 * `parseIdx` reports the truncation.
 */
function declaredLength(head: Uint8Array, fileName: string): number {
  if (head.length < 4) return Math.max(4, head.length);
  const ndims = head[3];
  const headerLength = 4 + 4 * ndims;
  if (head.length < headerLength) return headerLength;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let count = 1;
  for (let i = 0; i < ndims; i++) count *= view.getUint32(4 + 4 * i, false);
  const length = headerLength + count;
  if (length > MAX_IDX_BYTES) {
    throw new IdxFormatError(fileName, `the IDX header declares ${length} bytes, more than the ${MAX_IDX_BYTES}-byte limit; expected a header of a real data set; the file is corrupt or not an IDX file`);
  }
  return length;
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
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'ENOENT' ? 'no such file' : `cannot be read (${error.code ?? error.message})`;
    throw new IdxFormatError(path, `${why}; expected an IDX file (raw or .gz); check the path or --data-dir`, { cause: error });
  });
  if (!info.isFile()) throw new IdxFormatError(path, 'is a directory; expected an IDX file (raw or .gz); check the path or --data-dir');
  const { size } = info;
  if (size > MAX_IDX_BYTES) {
    throw new IdxFormatError(path, `${size} bytes, more than the ${MAX_IDX_BYTES}-byte limit of an IDX file; expected an MNIST-style data file`);
  }
  const onDisk = new Uint8Array(await readFile(path));
  const bytes = gunzipIfNeeded(onDisk, path);
  const tensor = parseIdx(bytes, path, options);
  const md5 = createHash('md5').update(bytes).digest('hex');
  return { ...tensor, path, md5, gzipped: bytes !== onDisk };
}
