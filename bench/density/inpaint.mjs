// Inpainting figure of issue 14: the bottom half of the first N MNIST test images hidden and
// completed from p(x_bottom | x_top, c) by core's completeMissing (Metropolis-within-Gibbs, what
// `cvae inpaint` runs), with the default MNIST model of bench/density/train-models.sh. A reading
// classifier trained here on real digits (MLP 784-256-10, 5 epochs, core's trainDatasetClassifier,
// the reader of docs/control.md) judges whether each completion shows the conditioned digit: on the
// completion's mean image and on its binary draw. For scale: the same classifier on the original
// images and on the top halves alone (bottom black).
// Usage: node bench/density/inpaint.mjs [--n 1000] [--iterations 200]      (under flock /work/heavy.lock)
import * as tf from '@tensorflow/tfjs-core';
import { completeMissing, trainDatasetClassifier } from '@cvae/core';
import { MnistAdapter } from '@cvae/datasets';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { load, openModel, RUNS } from './lib.mjs';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000' }, iterations: { type: 'string', default: '200' }, 'reader-epochs': { type: 'string', default: '5' }, model: { type: 'string', default: join(RUNS, 'mnist', 'model') } } });
const n = Number(values.n);
const loadBefore = load();
const started = Date.now();
const { model } = await openModel(values.model);
const dataset = new MnistAdapter();
await dataset.load();
const reader = await trainDatasetClassifier(dataset, { hidden: [256], epochs: Number(values['reader-epochs']) });

let batch;
for await (const b of dataset.batches('test', n, { shuffle: false })) {
  batch = { x: b.x.slice(), c: b.c.slice(), size: b.size };
  break;
}
const labels = Array.from({ length: batch.size }, (_, r) => batch.c.subarray(r * 10, (r + 1) * 10).indexOf(1));
const observed = batch.x.map((_, i) => (i % 784 < 392 ? 1 : 0));
const share = (images) => {
  const predicted = tf.tidy(() => reader.classifier.predict(tf.tensor2d(images, [batch.size, 784])).dataSync());
  return labels.filter((l, r) => predicted[r] === l).length / batch.size;
};
const chunks = { draws: new Float32Array(batch.x.length), means: new Float32Array(batch.x.length), acceptance: 0 };
const CHUNK = 250;
for (let start = 0; start < batch.size; start += CHUNK) {
  const end = Math.min(batch.size, start + CHUNK);
  const part = (a, w) => a.subarray(start * w, end * w);
  const done = completeMissing(model, part(batch.x, 784), part(observed, 784), part(batch.c, 10), { iterations: Number(values.iterations), seed: start + 1 });
  chunks.draws.set(done.draws, start * 784);
  chunks.means.set(done.means, start * 784);
  chunks.acceptance += done.acceptance * (end - start);
}
const result = {
  n: batch.size, iterations: Number(values.iterations),
  readerTestAccuracy: reader.testAccuracy,
  conditionedDigitShown: { completionMeans: share(chunks.means), completionDraws: share(chunks.draws) },
  forScale: { originals: share(batch.x), topHalfOnly: share(batch.x.map((v, i) => v * observed[i])) },
  acceptance: chunks.acceptance / batch.size,
  seconds: (Date.now() - started) / 1000, load: { before: loadBefore, after: load() },
};
console.log(JSON.stringify(result, null, 2));
