import type { Batch, Progress } from '@cvae/core';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  FIXTURE_TEST,
  FIXTURE_TEST_LABELS,
  FIXTURE_TRAIN,
  FIXTURE_TRAIN_LABELS,
  fashionMnistFixture,
  writeFashionMnistFixture,
} from '../../test/fashion-mnist-fixture.js';
import { serveBytes, startTestServer, type TestServer } from '../../test/http-test-server.js';
import type { IdxFileRole } from '../idx/idx-classification.js';
import { MNIST_SPEC } from '../mnist/mnist-adapter.js';
import {
  FASHION_MNIST_SPEC,
  FASHION_MNIST_TEST_BINARISATION_SEED,
  FashionMnistAdapter,
} from './fashion-mnist-adapter.js';
import { FASHION_MNIST_DEBIAN_DIR, FASHION_MNIST_FILE_NAMES } from './fashion-mnist-files.js';

const fixture = fashionMnistFixture();
const ROLES = Object.keys(FASHION_MNIST_FILE_NAMES) as IdxFileRole[];

async function firstBatch(batches: AsyncIterable<Batch>): Promise<Batch> {
  for await (const batch of batches) return { x: batch.x.slice(), c: batch.c.slice(), size: batch.size };
  throw new Error('no batch');
}

function classesOf(c: Float32Array): number[] {
  const classes: number[] = [];
  for (let row = 0; row < c.length / 10; row++) classes.push(c.subarray(row * 10, row * 10 + 10).indexOf(1));
  return classes;
}

describe('FashionMnistAdapter spec', () => {
  it('describes binarised Fashion-MNIST with its class names', () => {
    const adapter = new FashionMnistAdapter();
    expect(adapter.id).toBe('fashion-mnist');
    expect(adapter.spec).toBe(FASHION_MNIST_SPEC);
    expect(FASHION_MNIST_SPEC.name).toBe('Fashion-MNIST');
    expect(FASHION_MNIST_SPEC.input).toEqual(MNIST_SPEC.input);
    expect(FASHION_MNIST_SPEC.likelihood).toBe('bernoulli');
    expect(FASHION_MNIST_SPEC.condition).toEqual({
      names: ['class'],
      kind: 'one-hot',
      size: 10,
      classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    });
    expect(FASHION_MNIST_TEST_BINARISATION_SEED).toBe(20170825);
  });

  it('validates trainSize and testSize like MNIST', () => {
    expect(() => new FashionMnistAdapter({ trainSize: 0 })).toThrow('[cvae] [fashion-mnist] trainSize must be a positive integer, got 0');
  });

  it('refuses size() before load()', () => {
    expect(() => new FashionMnistAdapter().size('train')).toThrow('[cvae] [fashion-mnist] await load() before size() or batches()');
  });
});

describe('FashionMnistAdapter on a data directory of synthetic files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvae-fashion-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads them with checksum verification off', async () => {
    await writeFashionMnistFixture(dir, fixture);
    const adapter = new FashionMnistAdapter({ dataDir: dir, verifyChecksums: false, systemDir: join(dir, 'none') });
    await adapter.load();
    expect(adapter.files).toMatchObject({ source: 'data-dir', dir, downloaded: [] });
    expect(adapter.size('train')).toBe(FIXTURE_TRAIN);
    expect(adapter.size('test')).toBe(FIXTURE_TEST);
    const train = await firstBatch(adapter.batches('train', FIXTURE_TRAIN, { shuffle: false }));
    expect(classesOf(train.c)).toEqual(FIXTURE_TRAIN_LABELS);
    expect(new Set(train.x)).toEqual(new Set([0, 1]));
    const test = await firstBatch(adapter.batches('test', 10));
    expect(classesOf(test.c)).toEqual(FIXTURE_TEST_LABELS);
    expect(test.x).toHaveLength(FIXTURE_TEST * 784);
    expect(adapter.spec.condition.classNames[FIXTURE_TEST_LABELS[0]]).toBe('Dress');
  });

  it('loads gzipped files with the matching md5 table', async () => {
    await writeFashionMnistFixture(dir, fixture, { gzip: true });
    const adapter = new FashionMnistAdapter({ dataDir: dir, md5: fixture.md5, trainSize: 4 });
    await adapter.load();
    expect(adapter.size('train')).toBe(4);
  });

  it('with checksums on, refuses files that are not the official release, naming the fixes', async () => {
    await writeFashionMnistFixture(dir, fixture);
    await expect(new FashionMnistAdapter({ dataDir: dir }).load()).rejects.toThrow(
      /^\[cvae\] \[fashion-mnist\] .*train-images-idx3-ubyte: md5 mismatch: expected f4a8712d7a061bf5bd6d2ca38dc4d50a, .*apt-get install dataset-fashion-mnist/,
    );
  });

  it('names the directory and the fixes when a file is missing, and can be retried', async () => {
    await writeFashionMnistFixture(dir, fixture, { only: ['trainImages', 'trainLabels', 'testImages'] });
    const adapter = new FashionMnistAdapter({ dataDir: dir, verifyChecksums: false });
    await expect(adapter.load()).rejects.toThrow(
      `[cvae] [fashion-mnist] ${dir} has no t10k-labels-idx1-ubyte (nor t10k-labels-idx1-ubyte.gz); pass --data-dir`,
    );
    await writeFashionMnistFixture(dir, fixture, { only: ['testLabels'] });
    await adapter.load();
    expect(adapter.size('test')).toBe(FIXTURE_TEST);
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(new FashionMnistAdapter({ dataDir: dir }).load({ signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('FashionMnistAdapter downloading into its cache', () => {
  let server: TestServer;
  let root: string;
  beforeAll(async () => {
    server = await startTestServer(
      Object.fromEntries(ROLES.map((role) => [`/${FASHION_MNIST_FILE_NAMES[role]}.gz`, serveBytes(fixture.gzipped[role])])),
    );
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'cvae-fashion-cache-'));
    server.requests.length = 0;
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const options = () => ({
    cacheDir: join(root, 'cache'),
    systemDir: join(root, 'no-debian-package'),
    baseUrl: server.baseUrl,
    md5: fixture.md5,
    downloadTimeoutMs: 5_000,
  });

  it('downloads the four files into the cache, verified, and does not download them again', async () => {
    const cacheDir = join(root, 'cache');
    const stages: Progress[] = [];
    const files: string[] = [];
    const adapter = new FashionMnistAdapter({ ...options(), onProgress: (p) => files.push(p.file) });
    await adapter.load({ onProgress: (p) => stages.push(p) });
    expect(adapter.size('train')).toBe(FIXTURE_TRAIN);
    expect(adapter.size('test')).toBe(FIXTURE_TEST);
    expect(adapter.files).toMatchObject({ source: 'cache', dir: cacheDir });
    expect(adapter.files?.downloaded).toHaveLength(4);
    expect(server.requests.sort()).toEqual(ROLES.map((role) => `/${FASHION_MNIST_FILE_NAMES[role]}.gz`).sort());
    expect((await readdir(cacheDir)).sort()).toEqual(ROLES.map((role) => `${FASHION_MNIST_FILE_NAMES[role]}.gz`).sort());
    for (const role of ROLES) {
      const stored = new Uint8Array(await readFile(join(cacheDir, `${FASHION_MNIST_FILE_NAMES[role]}.gz`)));
      expect(stored).toEqual(fixture.gzipped[role]);
    }
    expect(new Set(files).size).toBe(4);
    expect(stages.some((p) => p.stage === 'downloading t10k-images-idx3-ubyte.gz' && p.fraction === 1)).toBe(true);
    expect(stages.at(-1)).toEqual({ stage: 'Fashion-MNIST ready', fraction: 1 });

    const again = new FashionMnistAdapter(options());
    await again.load();
    expect(again.files).toMatchObject({ source: 'cache', downloaded: [] });
    expect(server.requests).toHaveLength(4); // nothing fetched the second time
    const a = await firstBatch(adapter.batches('test', FIXTURE_TEST));
    const b = await firstBatch(again.batches('test', FIXTURE_TEST));
    expect(b.x).toEqual(a.x); // same fixed test binarisation
  });

  it('refuses a download whose content does not match the md5 table, caching nothing', async () => {
    const wrong = { ...fixture.md5, trainLabels: '0'.repeat(32) };
    const error = await new FashionMnistAdapter({ ...options(), md5: wrong }).load().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /downloading train-labels-idx1-ubyte\.gz into the cache failed: .*md5 mismatch: expected 0{32}, got [0-9a-f]{32} \(of the uncompressed content\).*apt-get install dataset-fashion-mnist/,
    );
    expect(await readdir(join(root, 'cache'))).toEqual(['train-images-idx3-ubyte.gz']); // the good one stays
  });

  it('does not download with download: false', async () => {
    await expect(new FashionMnistAdapter({ ...options(), download: false }).load()).rejects.toThrow(/downloading is disabled/);
    expect(server.requests).toEqual([]);
  });

  it('refuses a corrupt file already in the cache, naming it and the fix', async () => {
    const cacheDir = join(root, 'cache');
    await writeFashionMnistFixture(cacheDir, fixture, { gzip: true });
    const labels = fixture.raw.testLabels.slice();
    labels[8] = (labels[8] + 1) % 10; // a different label: still a valid file
    await writeFile(join(cacheDir, 't10k-labels-idx1-ubyte.gz'), labels);
    await expect(new FashionMnistAdapter(options()).load()).rejects.toThrow(
      /t10k-labels-idx1-ubyte\.gz: md5 mismatch: .*a corrupt file in the cache can be deleted so it is downloaded again/,
    );
    expect(server.requests).toEqual([]);
  });
});

describe('FashionMnistAdapter on the Debian package dataset-fashion-mnist', () => {
  const reason = `${FASHION_MNIST_DEBIAN_DIR} is missing: install dataset-fashion-mnist (apt-get install dataset-fashion-mnist) to run this test`;

  it('loads 60000 + 10000 examples with verified checksums', async (context) => {
    if (!existsSync(FASHION_MNIST_DEBIAN_DIR)) {
      if (process.env.CVAE_REQUIRE_ALL === '1') throw new Error(`CVAE_REQUIRE_ALL=1: ${reason}`);
      console.warn(`skipped: ${reason}`);
      context.skip(reason);
    }
    const adapter = new FashionMnistAdapter({ cacheDir: join(tmpdir(), 'cvae-fashion-unused-cache'), download: false });
    await adapter.load();
    expect(adapter.files?.source).toBe('system');
    expect(adapter.files?.paths.trainImages).toBe(join(FASHION_MNIST_DEBIAN_DIR, 'train-images-idx3-ubyte.gz'));
    expect(adapter.size('train')).toBe(60000);
    expect(adapter.size('test')).toBe(10000);
    const train = await firstBatch(adapter.batches('train', 10, { shuffle: false }));
    expect(classesOf(train.c)).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    const test = await firstBatch(adapter.batches('test', 10));
    expect(classesOf(test.c)).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    // Fashion-MNIST's mean grey level is about 0.29, more than twice MNIST's 0.13; binarised
    // pixels keep that mean (a wrong threshold, e.g. on the byte instead of byte/255, would not).
    const many = await firstBatch(adapter.batches('test', 2000));
    const ink = many.x.reduce((a, b) => a + b, 0) / many.x.length;
    expect(ink).toBeGreaterThan(0.25);
    expect(ink).toBeLessThan(0.33);
  });
});
