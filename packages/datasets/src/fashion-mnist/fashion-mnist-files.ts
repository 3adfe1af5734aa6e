import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { DatasetError } from '../dataset-error.js';
import { downloadFile, DownloadError, type DownloadProgress } from '../download/download-file.js';
import type { IdxFileRole } from '../idx/idx-classification.js';
import { locateIdxFile } from '../idx/locate-idx-file.js';

const ROLES: readonly IdxFileRole[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];

/** File names of the official Fashion-MNIST release (without `.gz`), the same as MNIST's. */
export const FASHION_MNIST_FILE_NAMES: Readonly<Record<IdxFileRole, string>> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** md5 of the uncompressed official files (the Debian package ships the same bytes, gzipped). */
export const FASHION_MNIST_MD5: Readonly<Record<IdxFileRole, string>> = {
  trainImages: 'f4a8712d7a061bf5bd6d2ca38dc4d50a',
  trainLabels: '9018921c3c673c538a1fc5bad174d6f9',
  testImages: '8181f5470baa50b63fa0f6fddb340f0a',
  testLabels: '15d484375f8d13e6eb1aabb0c3f46965',
};

/** Class names of the ten Fashion-MNIST labels, index = label. */
export const FASHION_MNIST_CLASS_NAMES: readonly string[] = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/**
 * Where the Debian/Ubuntu package `dataset-fashion-mnist` installs the four files, gzipped
 * (`train-images-idx3-ubyte.gz`, `train-labels-idx1-ubyte.gz`, `t10k-images-idx3-ubyte.gz`,
 * `t10k-labels-idx1-ubyte.gz`).
 */
export const FASHION_MNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

/** Base URL of the official downloads (Zalando Research's bucket, as linked by the fashion-mnist README); files are `<name>.gz`. */
export const FASHION_MNIST_BASE_URL = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

/** How to get the files, appended to "missing", "corrupt" and "download failed" errors. */
export const FASHION_MNIST_FIX =
  'pass --data-dir (or { dataDir }) pointing at a directory holding the four Fashion-MNIST files (raw or .gz), ' +
  'install the Debian package (apt-get install dataset-fashion-mnist), ' +
  'or allow the download (network access to the official files); a corrupt file in the cache can be deleted ' +
  'so it is downloaded again';

/**
 * The default download cache: `$XDG_CACHE_HOME/cvae/fashion-mnist` when XDG_CACHE_HOME is an
 * absolute path, else `~/.cache/cvae/fashion-mnist`.
 *
 * @example
 * ```ts
 * defaultFashionMnistCacheDir({ XDG_CACHE_HOME: '/var/cache/me' }); // '/var/cache/me/cvae/fashion-mnist'
 * defaultFashionMnistCacheDir({}); // '/home/me/.cache/cvae/fashion-mnist'
 * ```
 */
export function defaultFashionMnistCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return join(base, 'cvae', 'fashion-mnist');
}

/** Progress of one file's download during {@link resolveFashionMnistFiles}. */
export interface FashionMnistDownloadProgress extends DownloadProgress {
  /** File name being downloaded, e.g. `'t10k-images-idx3-ubyte.gz'`. */
  readonly file: string;
  readonly url: string;
}

/** Options of {@link resolveFashionMnistFiles}: where to look, whether and where to download. */
export interface ResolveFashionMnistOptions {
  /** A directory the user names: used alone, never downloaded into. */
  readonly dataDir?: string;
  /** Download cache (default {@link defaultFashionMnistCacheDir}). */
  readonly cacheDir?: string;
  /** Download missing files into the cache (default true). */
  readonly download?: boolean;
  /** Check the md5 of downloaded files (default true). */
  readonly verifyChecksums?: boolean;
  /** System directory to try before the cache (default {@link FASHION_MNIST_DEBIAN_DIR}). */
  readonly systemDir?: string;
  /** Base URL of the downloads, ending in `/` (default {@link FASHION_MNIST_BASE_URL}). */
  readonly baseUrl?: string;
  /** Expected md5 of the uncompressed files (default {@link FASHION_MNIST_MD5}). */
  readonly md5?: Readonly<Record<IdxFileRole, string>>;
  /** Inactivity timeout of each download, in milliseconds (default 60 s). */
  readonly downloadTimeoutMs?: number;
  /** Called as each download advances. */
  readonly onProgress?: (progress: FashionMnistDownloadProgress) => void;
  /** Aborts a download in progress. */
  readonly signal?: AbortSignal;
}

/** Where the four files were found. */
export interface ResolvedFashionMnistFiles {
  /** `'data-dir'`: the user's directory; `'system'`: the Debian package; `'cache'`: the download cache. */
  readonly source: 'data-dir' | 'system' | 'cache';
  readonly dir: string;
  readonly paths: Readonly<Record<IdxFileRole, string>>;
  /** File names downloaded by this call (empty when everything was already there). */
  readonly downloaded: readonly string[];
}

function locateAll(dir: string): { found: Partial<Record<IdxFileRole, string>>; missing: IdxFileRole[] } {
  const found: Partial<Record<IdxFileRole, string>> = {};
  const missing: IdxFileRole[] = [];
  for (const role of ROLES) {
    const path = locateIdxFile(dir, FASHION_MNIST_FILE_NAMES[role]);
    if (path === undefined) missing.push(role);
    else found[role] = path;
  }
  return { found, missing };
}

function complete(found: Partial<Record<IdxFileRole, string>>): Record<IdxFileRole, string> {
  return found as Record<IdxFileRole, string>;
}

/**
 * Finds the four Fashion-MNIST files, in this order: the user's `dataDir` (alone: a missing
 * file there is an error); else the Debian package's directory when it holds all four; else the
 * cache directory, downloading the missing files into it (gzipped, md5-checked, atomically).
 *
 * @throws DatasetError naming the directories tried and the fixes (`--data-dir`,
 * `apt-get install dataset-fashion-mnist`, network access)
 *
 * @example
 * ```ts
 * const { source, paths } = await resolveFashionMnistFiles({ cacheDir: '/tmp/fm' });
 * source; // 'system' when dataset-fashion-mnist is installed, else 'cache'
 * paths.testLabels; // '/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz'
 * ```
 */
export async function resolveFashionMnistFiles(options: ResolveFashionMnistOptions = {}): Promise<ResolvedFashionMnistFiles> {
  const { dataDir } = options;
  if (dataDir !== undefined) {
    const { found, missing } = locateAll(dataDir);
    if (missing.length > 0) {
      const name = FASHION_MNIST_FILE_NAMES[missing[0]];
      throw new DatasetError('fashion-mnist', `${dataDir} has no ${name} (nor ${name}.gz); ${FASHION_MNIST_FIX}`);
    }
    return { source: 'data-dir', dir: dataDir, paths: complete(found), downloaded: [] };
  }

  const systemDir = options.systemDir ?? FASHION_MNIST_DEBIAN_DIR;
  const system = locateAll(systemDir);
  if (system.missing.length === 0) return { source: 'system', dir: systemDir, paths: complete(system.found), downloaded: [] };

  const cacheDir = options.cacheDir ?? defaultFashionMnistCacheDir();
  const cache = locateAll(cacheDir);
  const systemState =
    system.missing.length === ROLES.length ? 'has no Fashion-MNIST files' : 'does not hold all four Fashion-MNIST files';
  const tried = `tried ${systemDir} (${systemState}) and the cache ${cacheDir}`;
  if (cache.missing.length > 0 && options.download === false) {
    const names = cache.missing.map((role) => FASHION_MNIST_FILE_NAMES[role]).join(', ');
    throw new DatasetError(
      'fashion-mnist',
      `${tried}, which lacks ${names}; downloading is disabled; ${FASHION_MNIST_FIX}`,
    );
  }

  const baseUrl = options.baseUrl ?? FASHION_MNIST_BASE_URL;
  const md5 = options.md5 ?? FASHION_MNIST_MD5;
  const downloaded: string[] = [];
  for (const role of cache.missing) {
    const file = `${FASHION_MNIST_FILE_NAMES[role]}.gz`;
    const url = new URL(file, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
    const destination = join(cacheDir, file);
    try {
      await downloadFile(url, destination, {
        expectedMd5Uncompressed: (options.verifyChecksums ?? true) ? md5[role] : undefined,
        gunzipForCheck: true,
        signal: options.signal,
        timeoutMs: options.downloadTimeoutMs,
        onProgress: options.onProgress && ((progress) => options.onProgress?.({ ...progress, file, url })),
      });
    } catch (error) {
      // An abort is the caller's decision, not a failure to explain: rethrow its reason as is.
      if (options.signal?.aborted) throw options.signal.reason;
      if (!(error instanceof DownloadError)) throw error;
      throw new DatasetError(
        'fashion-mnist',
        `${tried}; downloading ${file} into the cache failed: ${error.message}; ${FASHION_MNIST_FIX}`,
        { cause: error },
      );
    }
    cache.found[role] = destination;
    downloaded.push(file);
  }
  return { source: 'cache', dir: cacheDir, paths: complete(cache.found), downloaded };
}
