import { DatasetError } from '../dataset-error.js';
import { readIdxFile } from './read-idx-file.js';

/** A file to read and the md5 its uncompressed bytes must have. */
export interface ExpectedIdxFile {
  readonly path: string;
  readonly md5: string;
}

/** Options of {@link readLabelledImages}: the expected image and label files and their checks. */
export interface ReadLabelledImagesOptions {
  /** Dataset id used as the error prefix, e.g. `'mnist'`. */
  readonly scope: string;
  readonly images: ExpectedIdxFile;
  readonly labels: ExpectedIdxFile;
  /** `[rows, columns]` every image must have, e.g. `[28, 28]`. */
  readonly imageShape: readonly [number, number];
  /** Labels must lie in `0..classes-1`. */
  readonly classes: number;
  /** Compare md5 sums with the expected ones (default true). */
  readonly verifyChecksums?: boolean;
  /** Advice appended to a checksum mismatch, e.g. where to get the official files. */
  readonly fix: string;
}

/** Grey-level images (one byte a pixel) with a class label each. */
export interface LabelledImages {
  readonly count: number;
  /** `count * rows * columns` bytes, row-major, one image after the other. */
  readonly pixels: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * Reads an IDX image file and its IDX label file and checks they belong together.
 *
 * Checks run from the most specific to the least: the IDX layout of each file, then that the
 * image size, the label count and the label range agree, and only then the md5 sums. A
 * truncated file or a label file from another split thus gets an error that says so, rather
 * than a bare checksum mismatch.
 *
 * @throws IdxFormatError for a malformed file; DatasetError naming the file(s) for a shape,
 * count, label or checksum problem
 *
 * @example
 * ```ts
 * const test = await readLabelledImages({
 *   scope: 'mnist',
 *   images: { path: `${dir}/t10k-images-idx3-ubyte`, md5: '2646ac647ad5339dbf082846283269ea' },
 *   labels: { path: `${dir}/t10k-labels-idx1-ubyte`, md5: '27ae3e4e09519cfbb04c329615203637' },
 *   imageShape: [28, 28],
 *   classes: 10,
 *   fix: 'download the official files again',
 * });
 * test.count; // 10000
 * ```
 */
export async function readLabelledImages(options: ReadLabelledImagesOptions): Promise<LabelledImages> {
  const { scope, imageShape, classes } = options;
  const images = await readIdxFile(options.images.path, { ndims: 3 });
  const labels = await readIdxFile(options.labels.path, { ndims: 1 });

  const [count, rows, columns] = images.dims;
  if (rows !== imageShape[0] || columns !== imageShape[1]) {
    throw new DatasetError(
      scope,
      `${images.path}: images are ${rows}x${columns}, expected ${imageShape[0]}x${imageShape[1]}`,
    );
  }
  if (labels.dims[0] !== count) {
    throw new DatasetError(
      scope,
      `${labels.path} holds ${labels.dims[0]} labels but ${images.path} holds ${count} images; ` +
        'the two files must come from the same split and release',
    );
  }
  for (let i = 0; i < labels.data.length; i++) {
    if (labels.data[i] >= classes) {
      throw new DatasetError(
        scope,
        `${labels.path}: label ${labels.data[i]} at index ${i} is outside 0..${classes - 1}`,
      );
    }
  }

  if (options.verifyChecksums ?? true) {
    for (const [file, expected] of [
      [images, options.images.md5],
      [labels, options.labels.md5],
    ] as const) {
      if (file.md5 !== expected) {
        throw new DatasetError(
          scope,
          `${file.path}: md5 mismatch: expected ${expected}, found ${file.md5} (of the uncompressed bytes). ` +
            `The file is corrupt or not the official release; ${options.fix}`,
        );
      }
    }
  }
  return { count, pixels: images.data, labels: labels.data };
}
