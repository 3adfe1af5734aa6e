import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fashionMnistFixture, writeFashionMnistFixture } from '../../test/fashion-mnist-fixture.js';
import { serveBytes, startTestServer, type TestServer } from '../../test/http-test-server.js';
import {
  defaultFashionMnistCacheDir,
  FASHION_MNIST_BASE_URL,
  FASHION_MNIST_DEBIAN_DIR,
  FASHION_MNIST_FILE_NAMES,
  FASHION_MNIST_MD5,
  resolveFashionMnistFiles,
} from './fashion-mnist-files.js';

const fixture = fashionMnistFixture();

/** Files in `dir`; none when it does not exist. */
async function listing(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

describe('Fashion-MNIST file constants', () => {
  it('match the official release and the Debian package', () => {
    expect(FASHION_MNIST_FILE_NAMES).toEqual({
      trainImages: 'train-images-idx3-ubyte',
      trainLabels: 'train-labels-idx1-ubyte',
      testImages: 't10k-images-idx3-ubyte',
      testLabels: 't10k-labels-idx1-ubyte',
    });
    expect(FASHION_MNIST_MD5.trainImages).toBe('f4a8712d7a061bf5bd6d2ca38dc4d50a');
    expect(FASHION_MNIST_MD5.testLabels).toBe('15d484375f8d13e6eb1aabb0c3f46965');
    expect(FASHION_MNIST_DEBIAN_DIR).toBe('/usr/share/datasets/fashion-mnist');
    expect(FASHION_MNIST_BASE_URL).toBe('http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/');
  });
});

describe('defaultFashionMnistCacheDir', () => {
  it('follows XDG_CACHE_HOME when it is absolute, else ~/.cache', () => {
    expect(defaultFashionMnistCacheDir({ XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/cvae/fashion-mnist');
    expect(defaultFashionMnistCacheDir({ XDG_CACHE_HOME: 'relative' })).toBe(join(homedir(), '.cache/cvae/fashion-mnist'));
    expect(defaultFashionMnistCacheDir({})).toBe(join(homedir(), '.cache/cvae/fashion-mnist'));
  });
});

describe('resolveFashionMnistFiles', () => {
  let root: string;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'cvae-fashion-files-'));
    server.requests.length = 0;
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('uses the user directory alone, accepting raw and .gz names', async () => {
    const dataDir = join(root, 'data');
    await writeFashionMnistFixture(dataDir, fixture, { only: ['trainImages', 'trainLabels'] });
    await writeFashionMnistFixture(dataDir, fixture, { gzip: true, only: ['testImages', 'testLabels'] });
    const files = await resolveFashionMnistFiles({ dataDir, systemDir: join(root, 'none') });
    expect(files.source).toBe('data-dir');
    expect(files.paths.trainImages).toBe(join(dataDir, 'train-images-idx3-ubyte'));
    expect(files.paths.testLabels).toBe(join(dataDir, 't10k-labels-idx1-ubyte.gz'));
  });

  it('names the user directory, the missing file and the fixes', async () => {
    const dataDir = join(root, 'data');
    await writeFashionMnistFixture(dataDir, fixture, { only: ['trainImages'] });
    await expect(resolveFashionMnistFiles({ dataDir, baseUrl: server.baseUrl })).rejects.toThrow(
      new RegExp(
        `^\\[cvae\\] \\[fashion-mnist\\] ${dataDir} has no train-labels-idx1-ubyte \\(nor train-labels-idx1-ubyte\\.gz\\); ` +
          '.*--data-dir.*apt-get install dataset-fashion-mnist.*download',
      ),
    );
    expect(server.requests).toEqual([]); // never downloads into a user directory
  });

  it('prefers a complete system directory to the cache', async () => {
    const systemDir = join(root, 'system');
    await writeFashionMnistFixture(systemDir, fixture, { gzip: true });
    const files = await resolveFashionMnistFiles({ systemDir, cacheDir: join(root, 'cache'), baseUrl: server.baseUrl });
    expect(files).toMatchObject({ source: 'system', dir: systemDir, downloaded: [] });
    expect(files.paths.trainImages).toBe(join(systemDir, 'train-images-idx3-ubyte.gz'));
    expect(server.requests).toEqual([]);
  });

  it('skips an incomplete system directory and downloads only what the cache lacks', async () => {
    const systemDir = join(root, 'system');
    const cacheDir = join(root, 'cache');
    await writeFashionMnistFixture(systemDir, fixture, { gzip: true, only: ['trainImages'] });
    await writeFashionMnistFixture(cacheDir, fixture, { gzip: true, only: ['trainImages', 'trainLabels', 'testImages'] });
    server.route('/t10k-labels-idx1-ubyte.gz', serveBytes(fixture.gzipped.testLabels));
    const files = await resolveFashionMnistFiles({ systemDir, cacheDir, baseUrl: server.baseUrl, md5: fixture.md5 });
    expect(files).toMatchObject({ source: 'cache', dir: cacheDir, downloaded: ['t10k-labels-idx1-ubyte.gz'] });
    expect(server.requests).toEqual(['/t10k-labels-idx1-ubyte.gz']);
    expect(files.paths.testLabels).toBe(join(cacheDir, 't10k-labels-idx1-ubyte.gz'));
  });

  it('with downloads disabled, names both directories, what is missing and the fixes', async () => {
    const systemDir = join(root, 'system');
    const cacheDir = join(root, 'cache');
    const error = await resolveFashionMnistFiles({ systemDir, cacheDir, download: false, baseUrl: server.baseUrl }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe(
      `[cvae] [fashion-mnist] tried ${systemDir} (has no Fashion-MNIST files) and the cache ${cacheDir}, which lacks ` +
        'train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; ' +
        'downloading is disabled; pass --data-dir (or { dataDir }) pointing at a directory holding the four ' +
        'Fashion-MNIST files (raw or .gz), install the Debian package (apt-get install dataset-fashion-mnist), ' +
        'or allow the download (network access to the official files); a corrupt file in the cache can be ' +
        'deleted so it is downloaded again',
    );
    expect(server.requests).toEqual([]);
  });

  it('wraps a failed download with the directories tried and the fixes, leaving the cache without the file', async () => {
    const systemDir = join(root, 'system');
    const cacheDir = join(root, 'cache');
    // Nothing served: the first download gets a 404.
    const error = await resolveFashionMnistFiles({ systemDir, cacheDir, baseUrl: server.baseUrl, md5: fixture.md5 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(
        `^\\[cvae\\] \\[fashion-mnist\\] tried ${systemDir} \\(has no Fashion-MNIST files\\) and the cache ${cacheDir}; ` +
          'downloading train-images-idx3-ubyte.gz into the cache failed: \\[cvae\\] \\[download\\] .*HTTP 404 Not Found.*' +
          '--data-dir.*apt-get install dataset-fashion-mnist',
      ),
    );
    expect(await listing(cacheDir)).toEqual([]);
  });

  it('rethrows the reason of an aborted load as is', async () => {
    server.route('/train-images-idx3-ubyte.gz', (_request, response) => {
      response.writeHead(200, { 'Content-Length': 1_000_000 });
      response.write(fixture.gzipped.trainImages.subarray(0, 10));
    });
    const controller = new AbortController();
    const reason = new Error('stop');
    const promise = resolveFashionMnistFiles({
      systemDir: join(root, 'system'),
      cacheDir: join(root, 'cache'),
      baseUrl: server.baseUrl,
      signal: controller.signal,
      downloadTimeoutMs: 5_000,
      onProgress: ({ bytes }) => {
        if (bytes > 0) controller.abort(reason);
      },
    });
    await expect(promise).rejects.toBe(reason);
    expect(await listing(join(root, 'cache'))).toEqual([]);
    server.route('/train-images-idx3-ubyte.gz', undefined);
  });
});
