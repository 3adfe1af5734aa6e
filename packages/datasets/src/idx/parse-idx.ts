import { IdxFormatError } from './idx-format-error.js';

/** A parsed unsigned-byte IDX file: its dimensions and the values in row-major order. */
export interface IdxTensor {
  /** Sizes of each dimension, e.g. `[60000, 28, 28]` for MNIST training images. */
  readonly dims: number[];
  /** `product(dims)` bytes; a view into the input buffer, not a copy. */
  readonly data: Uint8Array;
}

/** Options of {@link parseIdx}. */
export interface ParseIdxOptions {
  /** Number of dimensions the caller needs (3 for images, 1 for labels); any count when omitted. */
  readonly ndims?: number;
}

/** Type byte of the IDX format for unsigned bytes, the only type the image datasets use. */
const UNSIGNED_BYTE = 0x08;

const hex32 = (value: number): string => `0x${(value >>> 0).toString(16).padStart(8, '0')}`;

/**
 * Parses an unsigned-byte IDX file (LeCun's MNIST format): two zero bytes, the type byte 0x08,
 * a byte with the number of dimensions, then one big-endian uint32 per dimension, then the data.
 * Magic numbers are therefore 0x00000803 for image files and 0x00000801 for label files.
 *
 * The file length must match the header exactly, so a truncated download or a file with
 * trailing junk is refused here rather than producing garbage images later.
 *
 * @param bytes - the whole (uncompressed) file
 * @param fileName - used in error messages only
 * @throws IdxFormatError naming the file on a bad magic number or a length that does not match the header
 *
 * @example
 * ```ts
 * const { dims, data } = parseIdx(readFileSync('t10k-labels-idx1-ubyte'), 't10k-labels-idx1-ubyte', { ndims: 1 });
 * dims; // [10000]
 * data[0]; // 7
 * ```
 */
export function parseIdx(bytes: Uint8Array, fileName: string, options: ParseIdxOptions = {}): IdxTensor {
  if (bytes.length < 4) {
    throw new IdxFormatError(fileName, `truncated: expected at least 4 bytes of header, found ${bytes.length}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const ndims = bytes[3];
  const magicOk = bytes[0] === 0 && bytes[1] === 0 && bytes[2] === UNSIGNED_BYTE && ndims > 0;
  if (!magicOk || (options.ndims !== undefined && ndims !== options.ndims)) {
    const expected =
      options.ndims !== undefined ? hex32((UNSIGNED_BYTE << 8) | options.ndims) : '0x000008NN (unsigned-byte IDX)';
    throw new IdxFormatError(
      fileName,
      `bad magic number: expected ${expected}, found ${hex32(magic)}; is this an uncompressed IDX file?`,
    );
  }

  const headerLength = 4 + 4 * ndims;
  if (bytes.length < headerLength) {
    throw new IdxFormatError(fileName, `truncated: expected at least ${headerLength} bytes of header, found ${bytes.length}`);
  }
  const dims: number[] = [];
  let count = 1;
  for (let i = 0; i < ndims; i++) {
    const dim = view.getUint32(4 + 4 * i, false);
    dims.push(dim);
    count *= dim;
  }

  const expectedLength = headerLength + count;
  if (bytes.length < expectedLength) {
    throw new IdxFormatError(
      fileName,
      `truncated: expected ${expectedLength} bytes for dims [${dims.join(', ')}], found ${bytes.length}`,
    );
  }
  if (bytes.length > expectedLength) {
    throw new IdxFormatError(
      fileName,
      `${bytes.length - expectedLength} extra bytes: expected ${expectedLength} bytes for dims [${dims.join(', ')}], found ${bytes.length}`,
    );
  }
  // A view, not a copy: the image files are 47 MB and the caller keeps the buffer alive anyway.
  return { dims, data: bytes.subarray(headerLength) };
}
