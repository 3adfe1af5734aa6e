import { describeBadInputs, expectRefusal, type BadInputCase } from '@cvae/core/testing';
import fc from 'fast-check';
import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdxFormatError } from '../idx/idx-format-error.js';
import { readLabelledImages } from '../idx/labelled-images.js';
import { parseIdx } from '../idx/parse-idx.js';
import { gunzipIfNeeded, MAX_IDX_BYTES, readIdxFile } from '../idx/read-idx-file.js';

/** An unsigned-byte IDX file: magic 0x000008NN, big-endian dims, then `data` (zeros unless given). */
export function idx(dims: readonly number[], data?: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x0800 | dims.length, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d >>> 0, false));
  const body = data ?? new Uint8Array(dims.reduce((a, b) => a * b, 1));
  return Buffer.concat([header, body]);
}

const labels = (n: number, value = 1) => idx([n], new Uint8Array(n).fill(value));
const images = (n: number, rows = 4, cols = 4) => idx([n, rows, cols]);
const gz = (bytes: Uint8Array) => new Uint8Array(gzipSync(bytes));
const cut = (bytes: Uint8Array, keep: number) => bytes.subarray(0, keep);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cvae-idx-corpus-'));
});
// The corpus writes a 100 MB field and sparse 1 GiB files: leave nothing behind.
afterAll(() => rm(dir, { recursive: true, force: true }));

/** One IDX or gzip file, read as `readIdxFile` reads a data set's file (3 dims unless `ndims`). */
interface FileCase extends BadInputCase {
  readonly bytes?: () => Uint8Array;
  readonly ndims?: number;
  /** Builds the file itself (a folder, a sparse file, nothing); returns its path. */
  readonly make?: (path: string) => Promise<void>;
}

const validGzip = () => gz(images(3));
const flip = (bytes: Uint8Array, at: number) => {
  const copy = new Uint8Array(bytes);
  copy[at] ^= 0xff;
  return copy;
};

const IDX_CASES: FileCase[] = [
  { name: 'empty file', input: 'empty.idx', says: /truncated: expected at least 4 bytes of header, found 0/, bytes: () => new Uint8Array() },
  { name: 'three bytes', input: 'three.idx', says: /expected at least 4 bytes/, bytes: () => new Uint8Array([0, 0, 8]) },
  { name: 'int32 type byte (0x0C) instead of unsigned byte', input: 'int32.idx', says: /bad magic number: expected 0x00000803, found 0x00000c03/, bytes: () => flip(images(2), 2).map((b, i) => (i === 2 ? 0x0c : b)) },
  { name: 'first byte not zero', input: 'first.idx', says: /bad magic number: expected 0x00000803, found 0x01000803/, bytes: () => images(2).map((b, i) => (i === 0 ? 1 : b)) },
  { name: 'zero dimensions', input: 'zero-dims.idx', says: /bad magic number: expected 0x00000803, found 0x00000800/, bytes: () => new Uint8Array([0, 0, 8, 0]) },
  { name: 'label file where images are expected', input: 'labels-as-images.idx', says: /expected 0x00000803, found 0x00000801/, bytes: () => labels(5) },
  { name: 'image file where labels are expected', input: 'images-as-labels.idx', says: /expected 0x00000801, found 0x00000803/, bytes: () => images(5), ndims: 1 },
  { name: 'a PNG file', input: 'picture.png', says: /bad magic number: expected 0x00000803, found 0x89504e47/, bytes: () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
  { name: 'a text file', input: 'readme.txt', says: /bad magic number: expected 0x00000803, found 0x68656c6c/, bytes: () => new TextEncoder().encode('hello, this is not IDX\n') },
  { name: 'a zip archive', input: 'mnist.zip', says: /bad magic number: expected 0x00000803, found 0x504b0304/, bytes: () => new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0]) },
  { name: 'header cut inside the dimensions', input: 'short-header.idx', says: /truncated: expected at least 16 bytes of header, found 9/, bytes: () => cut(images(2), 9) },
  { name: 'data one byte short of the dimensions', input: 'short-data.idx', says: /truncated: expected 48 bytes for dims \[2, 4, 4\], found 47/, bytes: () => cut(images(2), 47) },
  { name: 'data cut in half', input: 'half.idx', says: /truncated: expected 112 bytes for dims \[6, 4, 4\], found 64/, bytes: () => cut(images(6), 64) },
  { name: 'one extra byte after the data', input: 'extra.idx', says: /1 extra bytes: expected 48 bytes/, bytes: () => Buffer.concat([images(2), new Uint8Array([7])]) },
  { name: 'dims say 3 images, data holds 2', input: 'dims-3-data-2.idx', says: /expected 64 bytes for dims \[3, 4, 4\], found 48/, bytes: () => Buffer.concat([idx([3, 4, 4]).subarray(0, 16), new Uint8Array(32)]) },
  { name: 'header claims 4 billion labels (nothing allocated)', input: 'billions.idx', says: /truncated: expected 4294967303 bytes for dims \[4294967295\], found 8/, bytes: () => idx([0xffffffff], new Uint8Array()), ndims: 1 },
  { name: 'header claims 65535^3 pixels', input: 'huge-dims.idx', says: /truncated: expected 281462092005391 bytes/, bytes: () => idx([65535, 65535, 65535], new Uint8Array(4)) },
  { name: 'a missing file', input: 'missing.idx', says: /no such file; expected an IDX file/, make: async () => undefined },
  { name: 'a directory', input: 'folder.idx', says: /is a directory; expected an IDX file/, make: async (path) => void (await mkdir(path)) },
  { name: 'a file over the 1 GiB limit (sparse, never read)', input: 'sparse.idx', says: new RegExp(`more than the ${MAX_IDX_BYTES}-byte limit`), make: async (path) => { await writeFile(path, images(1)); await truncate(path, MAX_IDX_BYTES + 1); } },
];

const GZIP_CASES: FileCase[] = [
  { name: 'gzip header only', input: 'header-only.gz', says: /corrupt gzip data .*expected a complete gzip stream/, bytes: () => cut(validGzip(), 10) },
  { name: 'gzip cut in half', input: 'half.gz', says: /corrupt gzip data .*unexpected end of file/, bytes: () => { const g = gz(idx([300, 4, 4], new Uint8Array(4800).map((_, i) => (i * 7919) % 251))); return cut(g, g.length >> 1); } },
  { name: 'gzip without its 8-byte trailer', input: 'no-trailer.gz', says: /corrupt gzip data/, bytes: () => { const g = validGzip(); return cut(g, g.length - 8); } },
  { name: 'gzip with a corrupted deflate block', input: 'corrupt.gz', says: /corrupt gzip data/, bytes: () => { const g = gz(idx([3, 4, 4], new Uint8Array(48).map((_, i) => i))); return flip(g, 12); } },
  { name: 'gzip with a wrong CRC', input: 'crc.gz', says: /corrupt gzip data \(incorrect data check\)/, bytes: () => { const g = validGzip(); return flip(g, g.length - 6); } },
  { name: 'gzip with a wrong length field', input: 'isize.gz', says: /corrupt gzip data \(incorrect length check\)/, bytes: () => { const g = validGzip(); return flip(g, g.length - 2); } },
  { name: 'gzip bomb: 10-label header, 64 MB of zeros', input: 'bomb.gz', says: /inflates past the 18 bytes its IDX header declares .*expected exactly 18 bytes/, bytes: () => gz(Buffer.concat([labels(10), new Uint8Array(64 << 20)])), ndims: 1 },
  { name: 'gzip bomb: header declares 60000x28000x28000 (refused before inflating)', input: 'giant.gz', says: /the IDX header declares 47040000000016 bytes, more than the 1073741824-byte limit/, bytes: () => gz(idx([60000, 28000, 28000], new Uint8Array(1000))) },
  { name: 'gzip of a truncated IDX file', input: 'truncated-inside.gz', says: /truncated: expected 48 bytes for dims \[2, 4, 4\], found 40/, bytes: () => gz(cut(images(2), 40)) },
  { name: 'gzip of a PNG', input: 'picture.png.gz', says: /bad magic number: expected 0x00000803, found 0x89504e47/, bytes: () => gz(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])) },
  { name: 'gzip of an empty file', input: 'empty.gz', says: /truncated: expected at least 4 bytes of header, found 0/, bytes: () => gz(new Uint8Array()) },
  { name: 'gzip magic then garbage', input: 'garbage.gz', says: /corrupt gzip data/, bytes: () => new Uint8Array([0x1f, 0x8b, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42]) },
];

async function readCase(c: FileCase): Promise<unknown> {
  const path = join(dir, c.input);
  if (c.make) await c.make(path);
  else await writeFile(path, c.bytes!());
  return readIdxFile(path, { ndims: c.ndims ?? 3 });
}

describeBadInputs('idx', IDX_CASES, readCase);
describeBadInputs('gzip', GZIP_CASES, readCase, { timeout: 20_000 });

/** Image and label files that are each valid IDX but do not belong together. */
interface PairCase extends BadInputCase {
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
  readonly md5?: string;
}
const PAIR_CASES: PairCase[] = [
  { name: 'more labels than images', input: 'pair-1-labels', says: /holds 5 labels but .* holds 4 images; the two files must come from the same split/, images: images(4), labels: labels(5) },
  { name: 'fewer labels than images', input: 'pair-2-labels', says: /holds 3 labels but .* holds 4 images/, images: images(4), labels: labels(3) },
  { name: 'images of another size', input: 'pair-3-images', says: /images are 5x4, expected 4x4/, images: images(2, 5, 4), labels: labels(2) },
  { name: 'a label outside the classes', input: 'pair-4-labels', says: /label 10 at index 0 is outside 0\.\.9/, images: images(2), labels: labels(2, 10) },
  { name: 'valid files with the wrong checksum', input: 'pair-5-images', says: /md5 mismatch: expected 0{32}, found [0-9a-f]{32}/, images: images(2), labels: labels(2), md5: '0'.repeat(32) },
];
describeBadInputs('idx image/label pairs', PAIR_CASES, async (c) => {
  const n = c.input.slice(0, 6);
  const [imagePath, labelPath] = [join(dir, `${n}-images`), join(dir, `${n}-labels`)];
  await writeFile(imagePath, c.images);
  await writeFile(labelPath, c.labels);
  return readLabelledImages({
    scope: 'mnist',
    images: { path: imagePath, md5: c.md5 ?? '' },
    labels: { path: labelPath, md5: c.md5 ?? '' },
    imageShape: [4, 4],
    classes: 10,
    verifyChecksums: c.md5 !== undefined,
    fix: 'fetch the files again',
  });
});

// Property tests: fixed seeds and bounded runs, so CI is repeatable and quick.
const PROPERTY = { seed: 20261201, numRuns: 200 } as const;

describe('IDX and gzip properties (fast-check, seed 20261201)', () => {
  it('any bytes: parseIdx returns a layout whose header + data is exactly the input, or refuses cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.boolean(), async (bytes, idxLike) => {
        const input = idxLike && bytes.length >= 4 ? Uint8Array.from(bytes, (b, i) => (i < 2 ? 0 : i === 2 ? 8 : i === 3 ? 1 + (b % 3) : b)) : bytes;
        let parsed;
        try {
          parsed = parseIdx(input, 'random.idx');
        } catch {
          await expectRefusal(() => parseIdx(input, 'random.idx'), 'random.idx', /random\.idx: (truncated|bad magic|\d+ extra bytes)/);
          return;
        }
        expect(4 + 4 * parsed.dims.length + parsed.dims.reduce((a, b) => a * b, 1)).toBe(input.length);
      }),
      PROPERTY,
    );
  });

  it('a valid file cut at any point or given any tail is refused, naming the lengths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.boolean(), async (n, r, c, at, tail, truncateIt) => {
        const file = idx([n, r, c]);
        const bad = truncateIt ? file.subarray(0, at % file.length) : Buffer.concat([file, tail]);
        await expectRefusal(() => parseIdx(bad, 'damaged.idx', { ndims: 3 }), 'damaged.idx', truncateIt ? /truncated: expected/ : /extra bytes: expected/);
      }),
      PROPERTY,
    );
  });

  it('gzip: any byte flipped or any cut gives the original back or a clean refusal, never more bytes than the header declares', async () => {
    const original = idx([20, 4, 4], new Uint8Array(320).map((_, i) => (i * 31) % 256));
    const packed = gz(original);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: packed.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (at, mask, cutIt) => {
        const bad = cutIt ? packed.subarray(0, at) : packed.map((b, i) => (i === at ? b ^ mask : b));
        let out: Uint8Array | undefined;
        try {
          out = gunzipIfNeeded(bad, 'flipped.gz');
        } catch (error) {
          expect(error).toBeInstanceOf(IdxFormatError);
          await expectRefusal(() => gunzipIfNeeded(bad, 'flipped.gz'), 'flipped.gz', /(corrupt gzip data|inflates past|IDX header declares|truncated)/);
          return;
        }
        // The gzip header's flags and mtime are not covered by the CRC: such flips may pass.
        expect(out.length).toBeLessThanOrEqual(original.length);
        if (out.length === original.length) expect(Buffer.from(out).equals(Buffer.from(original)) || bad[0] !== 0x1f || bad[1] !== 0x8b).toBe(true);
      }),
      PROPERTY,
    );
  });
});
