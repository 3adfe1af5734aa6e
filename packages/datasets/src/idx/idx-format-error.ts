import { DatasetError } from '../dataset-error.js';

/**
 * A file is not a valid unsigned-byte IDX file (bad magic, wrong length, corrupt gzip).
 * The message names the file: `[cvae] [idx] <fileName>: <what is wrong>`.
 *
 * @example
 * ```ts
 * try {
 *   parseIdx(bytes, 'train-images-idx3-ubyte');
 * } catch (error) {
 *   if (error instanceof IdxFormatError) console.error(error.fileName, error.message);
 * }
 * ```
 */
export class IdxFormatError extends DatasetError {
  /** The file (name or path) that failed to parse. */
  readonly fileName: string;

  constructor(fileName: string, detail: string, options?: { cause?: unknown }) {
    super('idx', `${fileName}: ${detail}`, options);
    this.name = 'IdxFormatError';
    this.fileName = fileName;
  }
}
