// Generative classification figure of issue 14: `cvae classify` (p(c|x) ∝ p(x|c) p(c), IWAE k per
// class) on the MNIST and Fashion-MNIST test sets with the default models of
// bench/density/train-models.sh, beside a plain classifier of the same size trained here: an MLP
// 784-512-512-10 (the CVAE encoder's widths), softmax cross-entropy, Adam 1e-3, batch 128, as many
// epochs as the CVAE (10), on the same dynamically binarised training images (core's
// trainDatasetClassifier).
// Usage: node bench/density/classify.mjs [--k 20] [--test-size N] [--datasets mnist,fashion-mnist] [--baseline-epochs 10 (0: none)] [--baseline-only]
//        (under flock /work/heavy.lock)
import { classifierAccuracy, trainDatasetClassifier } from '@cvae/core';
import { FashionMnistAdapter, MnistAdapter } from '@cvae/datasets';
import { wasmBackend } from '@cvae/backend-wasm';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cvae, load, RUNS } from './lib.mjs';

const { values } = parseArgs({ options: { k: { type: 'string', default: '20' }, 'test-size': { type: 'string' }, datasets: { type: 'string', default: 'mnist,fashion-mnist' }, 'baseline-epochs': { type: 'string', default: '10' }, 'baseline-only': { type: 'boolean', default: false } } });
const adapters = { mnist: () => new MnistAdapter(), 'fashion-mnist': () => new FashionMnistAdapter({ download: false }) };
/** The first `n` test examples, in batches of at most 1,000. */
async function* firstBatches(dataset, n) {
  let seen = 0;
  for await (const batch of dataset.batches('test', 1000, { shuffle: false })) {
    const size = Math.min(batch.size, n - seen);
    yield { x: batch.x.subarray(0, size * 784), c: batch.c.subarray(0, size * 10), size };
    seen += size;
    if (seen >= n) return;
  }
}
const result = { k: Number(values.k), load: { before: load() }, datasets: {} };
for (const id of values.datasets.split(',')) {
  const started = Date.now();
  const summary = values['baseline-only'] ? undefined : JSON.parse(cvae(['classify', '--model', join(RUNS, id, 'model'), '--k', values.k, '--flags', '0', '--json', '--out', join(RUNS, `classify-${id}.csv`),
    ...(values['test-size'] ? ['--test-size', values['test-size']] : [])]));
  const generative = summary && { accuracy: summary.accuracy, examples: summary.examples, seconds: (Date.now() - started) / 1000 };
  if (values['baseline-epochs'] === '0') {
    result.datasets[id] = { generative };
    continue;
  }
  await wasmBackend().init();
  const dataset = adapters[id]();
  await dataset.load();
  const t0 = Date.now();
  const baseline = await trainDatasetClassifier(dataset, { hidden: [512, 512], epochs: Number(values['baseline-epochs']) });
  // Also on the first --test-size images, the ones the generative figure used.
  const first = values['test-size'] ? await classifierAccuracy(baseline.classifier, firstBatches(dataset, Number(values['test-size']))) : undefined;
  baseline.classifier.dispose();
  result.datasets[id] = { generative, baseline: { model: 'MLP 784-512-512-10', epochs: Number(values['baseline-epochs']), testAccuracy: baseline.testAccuracy, examples: dataset.size('test'), ...(first === undefined ? {} : { firstTestAccuracy: first }), seconds: (Date.now() - t0) / 1000 } };
  console.error(id, JSON.stringify(result.datasets[id]));
}
result.load.after = load();
console.log(JSON.stringify(result, null, 2));
