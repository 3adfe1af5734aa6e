import { seededRandom } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import { binariseAll } from './binarise.js';
import { readIdxFile } from './read-idx-file.js';

/** Images read for scoring by a model of another data file: binarised as the test splits are. */
export interface ImageInput {
  readonly count: number;
  /** 0/1 pixels, row-major, `count * height * width`. */
  readonly x: Float32Array;
  /** The label of each image when a labels file was given. */
  readonly labels?: Uint8Array;
}

/** Options of {@link readImageInput}. */
export interface ReadImageInputOptions {
  /** An IDX label file (one byte per image), raw or gzipped. */
  readonly labels?: string;
  /** Number of classes the model knows; a label at or above it is refused. */
  readonly classes?: number;
  /** Use only the first N images. */
  readonly limit?: number;
  /** Seed of the one-off binarisation (x ~ Bernoulli(pixel / 255)). */
  readonly seed?: number;
}

/**
 * Reads an IDX image file (raw or gzipped, e.g. MNIST's `t10k-images-idx3-ubyte`) for a model of
 * `height` x `width` images, binarised once with a fixed seed, the convention of the test splits;
 * optionally with its labels. Images of another size, or labels that do not match, are refused
 * with the file named.
 *
 * @example
 * ```ts
 * const { x, count } = await readImageInput('mnist/t10k-images-idx3-ubyte', [28, 28], { limit: 1000 });
 * ```
 */
export async function readImageInput(path: string, [height, width]: readonly [number, number], options: ReadImageInputOptions = {}): Promise<ImageInput> {
  const images = await readIdxFile(path, { ndims: 3 });
  const [total, rows, columns] = images.dims;
  if (rows !== height || columns !== width) {
    throw new DatasetError('idx', `${path}: images are ${rows}x${columns}; the model takes ${height}x${width}`, { fix: `give images of ${height}x${width} pixels` });
  }
  const count = Math.min(total, options.limit ?? total);
  const pixels = images.data.subarray(0, count * rows * columns);
  const x = Float32Array.from(binariseAll(pixels, seededRandom(`input:${options.seed ?? 0}`)));
  if (options.labels === undefined) return { count, x };
  const labelFile = await readIdxFile(options.labels, { ndims: 1 });
  if (labelFile.dims[0] !== total) {
    throw new DatasetError('idx', `${options.labels}: ${labelFile.dims[0]} labels for the ${total} images of ${path}`, { fix: 'give the label file that belongs to the images' });
  }
  const labels = labelFile.data.subarray(0, count);
  const bad = options.classes === undefined ? -1 : labels.findIndex((l) => l >= options.classes!);
  if (bad >= 0) throw new DatasetError('idx', `${options.labels}: label ${labels[bad]} of image ${bad} is not below the model's ${options.classes} classes`);
  return { count, x, labels };
}
