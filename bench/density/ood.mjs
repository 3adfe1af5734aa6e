// OOD figure of issue 14: a Fashion-MNIST model (bench/density/train-models.sh) scores the Fashion
// test images (in distribution) and the MNIST test images (out of distribution) with `cvae score`
// (--input without labels: -log p(x) over the classes, L(x) = PNG bits, S(x) = -log2 p(x) - L(x));
// prints the AUROC of each score (high = OOD). Not shipped, for comparison only: L(x) from other
// lossless compressors; and a likelihood ratio in the spirit of Ren et al. 2019
// against a content-blind background model: independent Bernoulli pixels fitted (Laplace-smoothed)
// on the binarised Fashion-MNIST training images, score = -log p(x) + log p_background(x).
// Usage: node bench/density/ood.mjs [--n 2000] [--k 20]     (under flock /work/heavy.lock)
import { readImageInput } from '@cvae/datasets';
import { PNG } from 'pngjs';
import { brotliCompressSync, constants, deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { auroc, cvae, FASHION_DIR, load, MNIST_DIR, readCsv, RUNS } from './lib.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '2000' }, k: { type: 'string', default: '20' }, model: { type: 'string', default: join(RUNS, 'fashion-mnist', 'model') } } });
const sets = { fashion: join(FASHION_DIR, 't10k-images-idx3-ubyte.gz'), mnist: join(MNIST_DIR, 't10k-images-idx3-ubyte') };
const started = Date.now();
const loadBefore = load();
const rows = {};
for (const [name, input] of Object.entries(sets)) {
  const out = join(RUNS, `ood-${name}.csv`);
  cvae(['score', '--model', values.model, '--input', input, '--test-size', values.n, '--k', values.k, '--out', out, '--json']);
  rows[name] = readCsv(out);
}

/** Other lossless compressors for L(x), for comparison (not shipped): bits of each image under each. */
async function otherComplexities(input) {
  const { x, count } = await readImageInput(input, [28, 28], { limit: Number(values.n) });
  const bytes = (r) => Buffer.from(Uint8Array.from({ length: 784 }, (_, i) => x[r * 784 + i] * 255));
  const packed = (r) => {
    const b = new Uint8Array(98);
    for (let i = 0; i < 784; i++) if (x[r * 784 + i] === 1) b[i >> 3] |= 128 >> (i & 7);
    return Buffer.from(b);
  };
  const png = (r) => {
    const image = new PNG({ width: 28, height: 28, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
    image.data = bytes(r);
    return PNG.sync.write(image, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8, deflateLevel: 9 }).length * 8;
  };
  const rows = Array.from({ length: count }, (_, r) => r);
  return {
    'PNG, pngjs default (adaptive) filters': rows.map(png),
    'raw deflate (level 9) of the 0/255 bytes': rows.map((r) => deflateRawSync(bytes(r), { level: 9 }).length * 8),
    'brotli (quality 11) of the bit-packed pixels': rows.map((r) => brotliCompressSync(packed(r), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length * 8),
  };
}
const others = { fashion: await otherComplexities(sets.fashion), mnist: await otherComplexities(sets.mnist) };

/** -log p(x) in nats under independent Bernoulli pixels fitted on the Fashion-MNIST training images. */
async function backgroundNll() {
  const train = await readImageInput(join(FASHION_DIR, 'train-images-idx3-ubyte.gz'), [28, 28]);
  const on = new Float64Array(784);
  for (let i = 0; i < train.x.length; i++) on[i % 784] += train.x[i];
  const p = Array.from(on, (k) => (k + 1) / (train.count + 2));
  const nll = async (input) => {
    const { x, count } = await readImageInput(input, [28, 28], { limit: Number(values.n) });
    return Array.from({ length: count }, (_, r) => -p.reduce((s, pi, i) => s + (x[r * 784 + i] === 1 ? Math.log(pi) : Math.log(1 - pi)), 0));
  };
  return { fashion: await nll(sets.fashion), mnist: await nll(sets.mnist) };
}
const background = await backgroundNll();

const column = (name, key) => rows[name].map((r) => Number(r[key]));
const result = (label, score) => ({ score: label, auroc: auroc(score('mnist'), score('fashion')) });
const table = [
  result('raw -log p(x) (nll_marginal)', (s) => column(s, 'nll_marginal')),
  result('raw -log p(x|best class) (nll_best)', (s) => column(s, 'nll_best')),
  result('L(x) alone (PNG bits)', (s) => column(s, 'complexity_bits')),
  result('S(x) = -log2 p(x) - L(x), L = PNG without filters (corrected_bits, shipped)', (s) => column(s, 'corrected_bits')),
  ...Object.keys(others.fashion).map((name) => result(`S(x) with L = ${name} (not shipped)`, (s) => column(s, 'nll_marginal').map((v, i) => v / Math.LN2 - others[s][name][i]))),
  result('-log p_background(x) alone (independent pixels)', (s) => background[s]),
  result('likelihood ratio -log p(x) + log p_background(x) (not shipped)', (s) => column(s, 'nll_marginal').map((v, i) => v - background[s][i])),
];
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
console.log(JSON.stringify({ n: Number(values.n), k: Number(values.k), model: values.model, meanNllMarginal: { fashion: mean(column('fashion', 'nll_marginal')), mnist: mean(column('mnist', 'nll_marginal')) }, meanPngBits: { fashion: mean(column('fashion', 'complexity_bits')), mnist: mean(column('mnist', 'complexity_bits')) }, table, seconds: (Date.now() - started) / 1000, load: { before: loadBefore, after: load() } }, null, 2));
