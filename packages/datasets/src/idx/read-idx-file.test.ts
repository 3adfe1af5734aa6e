import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idxBytes } from '../../test/idx-bytes.js';
import { IdxFormatError } from './idx-format-error.js';
import { gunzipIfNeeded, readIdxFile } from './read-idx-file.js';

describe('readIdxFile', () => {
  let dir: string;
  const raw = idxBytes([3, 2, 2], Array.from({ length: 12 }, (_, i) => i * 20));
  const md5 = createHash('md5').update(raw).digest('hex');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvae-idx-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a raw file and hashes its bytes', async () => {
    const path = join(dir, 'raw-idx3-ubyte');
    await writeFile(path, raw);
    const file = await readIdxFile(path, { ndims: 3 });
    expect(file.dims).toEqual([3, 2, 2]);
    expect(Array.from(file.data)).toEqual(Array.from(raw.subarray(16)));
    expect(file.md5).toBe(md5);
    expect(file.gzipped).toBe(false);
    expect(file.path).toBe(path);
  });

  it('reads a gzipped file (detected by content, whatever its name) with the md5 of the uncompressed bytes', async () => {
    const path = join(dir, 'zipped-without-suffix');
    await writeFile(path, gzipSync(raw));
    const file = await readIdxFile(path, { ndims: 3 });
    expect(file.gzipped).toBe(true);
    expect(file.dims).toEqual([3, 2, 2]);
    expect(Array.from(file.data)).toEqual(Array.from(raw.subarray(16)));
    expect(file.md5).toBe(md5);
  });

  it('refuses a corrupt gzip stream with an IdxFormatError naming the file', async () => {
    const zipped = gzipSync(raw);
    const path = join(dir, 'broken.gz');
    await writeFile(path, zipped.subarray(0, zipped.length - 12));
    const error = await readIdxFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdxFormatError);
    expect((error as Error).message).toMatch(/^\[cvae\] \[idx\] .*broken\.gz: corrupt gzip data/);
  });

  it('passes IDX layout errors through, naming the file path', async () => {
    const path = join(dir, 'short.gz');
    await writeFile(path, gzipSync(raw.subarray(0, raw.length - 2)));
    await expect(readIdxFile(path)).rejects.toThrow(`${path}: truncated: expected 28 bytes`);
  });
});

describe('gunzipIfNeeded', () => {
  it('returns raw bytes untouched and inflates gzip', () => {
    const raw = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 1, 42]);
    expect(gunzipIfNeeded(raw, 'raw')).toBe(raw);
    expect(Array.from(gunzipIfNeeded(gzipSync(raw), 'z'))).toEqual(Array.from(raw));
  });

  it('reports a gzip stream with a flipped byte', () => {
    const zipped = gzipSync(Uint8Array.from({ length: 1000 }, (_, i) => i % 7));
    zipped[zipped.length - 5] ^= 0xff; // inside the CRC/length trailer
    expect(() => gunzipIfNeeded(zipped, 'flipped.gz')).toThrow(/flipped\.gz: corrupt gzip data/);
  });
});
