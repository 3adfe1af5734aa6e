import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FASHION_MNIST_FILE_NAMES } from '../src/fashion-mnist/fashion-mnist-files.js';
import type { IdxFileRole } from '../src/idx/idx-classification.js';
import { idxBytes } from './idx-bytes.js';

/** Sizes of the synthetic splits. */
export const FIXTURE_TRAIN = 12;
export const FIXTURE_TEST = 5;

/** Labels of the synthetic splits: train cycles 9, 8, ..., test is 3, 1, 4, 1, 5. */
export const FIXTURE_TRAIN_LABELS = Array.from({ length: FIXTURE_TRAIN }, (_, i) => 9 - (i % 10));
export const FIXTURE_TEST_LABELS = [3, 1, 4, 1, 5];

/** Deterministic grey levels, including pure black and white, 28x28 each. */
function images(count: number, salt: number): Uint8Array {
  return idxBytes(
    [count, 28, 28],
    Array.from({ length: count * 784 }, (_, i) => (i % 7 === 0 ? 0 : i % 11 === 0 ? 255 : (i * 31 + salt) % 256)),
  );
}

/** The four small synthetic Fashion-MNIST-shaped files (uncompressed) and their md5 sums. */
export interface FashionMnistFixture {
  readonly raw: Readonly<Record<IdxFileRole, Uint8Array>>;
  readonly gzipped: Readonly<Record<IdxFileRole, Uint8Array>>;
  readonly md5: Readonly<Record<IdxFileRole, string>>;
}

export function fashionMnistFixture(): FashionMnistFixture {
  const raw: Record<IdxFileRole, Uint8Array> = {
    trainImages: images(FIXTURE_TRAIN, 1),
    trainLabels: idxBytes([FIXTURE_TRAIN], FIXTURE_TRAIN_LABELS),
    testImages: images(FIXTURE_TEST, 2),
    testLabels: idxBytes([FIXTURE_TEST], FIXTURE_TEST_LABELS),
  };
  const roles = Object.keys(raw) as IdxFileRole[];
  const map = <T>(f: (bytes: Uint8Array) => T) =>
    Object.fromEntries(roles.map((role) => [role, f(raw[role])])) as Record<IdxFileRole, T>;
  return {
    raw,
    gzipped: map((bytes) => new Uint8Array(gzipSync(bytes))),
    md5: map((bytes) => createHash('md5').update(bytes).digest('hex')),
  };
}

/** Writes the fixture's files into `dir` under the official names, raw or `.gz`; `only` limits which. */
export async function writeFashionMnistFixture(
  dir: string,
  fixture: FashionMnistFixture,
  { gzip = false, only }: { gzip?: boolean; only?: readonly IdxFileRole[] } = {},
): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const role of only ?? (Object.keys(fixture.raw) as IdxFileRole[])) {
    const name = FASHION_MNIST_FILE_NAMES[role];
    await writeFile(join(dir, gzip ? `${name}.gz` : name), gzip ? fixture.gzipped[role] : fixture.raw[role]);
  }
}
