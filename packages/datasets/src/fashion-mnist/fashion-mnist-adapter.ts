import type { DatasetSpec, LoadOptions } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import {
  IdxClassificationAdapter,
  type IdxClassificationConfig,
  type IdxClassificationOptions,
  type IdxFileRole,
} from '../idx/idx-classification.js';
import {
  FASHION_MNIST_CLASS_NAMES,
  FASHION_MNIST_FIX,
  FASHION_MNIST_MD5,
  resolveFashionMnistFiles,
  type FashionMnistDownloadProgress,
  type ResolvedFashionMnistFiles,
} from './fashion-mnist-files.js';

/**
 * Seed of the one-off binarisation of the Fashion-MNIST test split (the release date of the
 * dataset, 2017-08-25). Arbitrary but fixed: changing it changes the test set, and so every
 * reported test number, which makes it part of the dataset's definition.
 */
export const FASHION_MNIST_TEST_BINARISATION_SEED = 20170825;

/** Binarised Fashion-MNIST: 28x28x1 binary images conditioned on a one-hot clothing class, Bernoulli likelihood. */
export const FASHION_MNIST_SPEC: DatasetSpec = {
  name: 'Fashion-MNIST',
  input: { shape: [28, 28, 1], size: 784, kind: 'binary' },
  condition: {
    names: ['class'],
    kind: 'one-hot',
    size: 10,
    classNames: FASHION_MNIST_CLASS_NAMES,
  },
  likelihood: 'bernoulli',
};

/** Options of {@link FashionMnistAdapter}. */
export interface FashionMnistAdapterOptions extends IdxClassificationOptions {
  /**
   * Directory holding the four files (raw or `.gz`), used alone. When omitted, the Debian
   * package's directory is tried, then the cache (downloading into it).
   */
  readonly dataDir?: string;
  /** Download cache (default `$XDG_CACHE_HOME/cvae/fashion-mnist`, else `~/.cache/cvae/fashion-mnist`). */
  readonly cacheDir?: string;
  /** Download missing files into the cache (default true). */
  readonly download?: boolean;
  /** Download progress, per file. `load({ onProgress })` also receives it as a stage with a fraction. */
  readonly onProgress?: (progress: FashionMnistDownloadProgress) => void;
  /** Base URL of the downloads (default the official bucket); for tests and mirrors. */
  readonly baseUrl?: string;
  /** Expected md5 of the uncompressed files (default the official ones); for tests. */
  readonly md5?: Readonly<Record<IdxFileRole, string>>;
  /** System directory tried before the cache (default `/usr/share/datasets/fashion-mnist`); for tests and other distributions. */
  readonly systemDir?: string;
  /** Inactivity timeout of each download in milliseconds (default 60 s). */
  readonly downloadTimeoutMs?: number;
}

/** Filled by `load()` before the shared IDX loader asks for the paths. */
interface Resolution {
  files?: ResolvedFashionMnistFiles;
}

function fashionMnistConfig(options: FashionMnistAdapterOptions, resolution: Resolution): IdxClassificationConfig {
  return {
    id: 'fashion-mnist',
    spec: FASHION_MNIST_SPEC,
    md5: options.md5 ?? FASHION_MNIST_MD5,
    locateFiles: () => {
      if (!resolution.files) throw new DatasetError('fashion-mnist', 'internal error: files located before load()');
      return resolution.files.paths;
    },
    testBinarisationSeed: FASHION_MNIST_TEST_BINARISATION_SEED,
    checksumFix: FASHION_MNIST_FIX,
  };
}

/**
 * Zalando's Fashion-MNIST (60000 train, 10000 test 28x28 grey-level images of ten clothing
 * classes), a drop-in replacement of MNIST. The four IDX files come from the user's `dataDir`,
 * else the Debian package `dataset-fashion-mnist` (`/usr/share/datasets/fashion-mnist/`), else
 * a cache directory into which missing files are downloaded from the official bucket (md5
 * checked, written atomically). Binarisation follows the MNIST convention: training images
 * afresh in every batch, test images once with {@link FASHION_MNIST_TEST_BINARISATION_SEED}.
 *
 * @example
 * ```ts
 * const fashion = new FashionMnistAdapter({ trainSize: 1000 });
 * await fashion.load();
 * fashion.spec.condition.classNames[9]; // 'Ankle boot'
 * for await (const { x, c, size } of fashion.batches('train', 128, { seed: 1 })) {
 *   // x: size*784 values in {0, 1}; c: size*10 one-hot classes; valid until the next iteration
 * }
 * ```
 */
export class FashionMnistAdapter extends IdxClassificationAdapter {
  readonly #options: FashionMnistAdapterOptions;
  readonly #resolution: Resolution;
  #loading: Promise<void> | undefined;

  constructor(options: FashionMnistAdapterOptions = {}) {
    const resolution: Resolution = {};
    super(fashionMnistConfig(options, resolution), options);
    this.#options = options;
    this.#resolution = resolution;
  }

  /** Where `load()` found the files (`undefined` before it): source, directory, paths, files downloaded. */
  get files(): ResolvedFashionMnistFiles | undefined {
    return this.#resolution.files;
  }

  /**
   * Finds (or downloads) the files, then reads, validates and binarises them; later calls
   * return the same promise (a failed load can be retried).
   */
  override load(options: LoadOptions = {}): Promise<void> {
    this.#loading ??= this.#resolveAndLoad(options).catch((error: unknown) => {
      this.#loading = undefined;
      throw error;
    });
    return this.#loading;
  }

  async #resolveAndLoad(options: LoadOptions): Promise<void> {
    options.signal?.throwIfAborted();
    const own = this.#options;
    this.#resolution.files = await resolveFashionMnistFiles({
      dataDir: own.dataDir,
      cacheDir: own.cacheDir,
      download: own.download,
      verifyChecksums: own.verifyChecksums,
      systemDir: own.systemDir,
      baseUrl: own.baseUrl,
      md5: own.md5,
      downloadTimeoutMs: own.downloadTimeoutMs,
      signal: options.signal,
      onProgress: (progress) => {
        own.onProgress?.(progress);
        options.onProgress?.({
          stage: `downloading ${progress.file}`,
          fraction: progress.total ? progress.bytes / progress.total : undefined,
        });
      },
    });
    await super.load(options);
  }
}
