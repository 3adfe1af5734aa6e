// Figures of docs/text.md on the names dataset (issue 16): for each trained model folder, 1,000
// samples per class (temperature 1): distinct-1/2, novelty, and control (the share a character
// n-gram logistic regression trained on real training names assigns to the conditioned class,
// beside its accuracy on real test names). Usage:
//   node scripts/text-figures.mjs RUN_DIR[,RUN_DIR...] [perClass] > figures.json
// Each RUN_DIR holds model/ written by `cvae train --dataset names`. Run under flock /work/heavy.lock.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel, oneHot, sampleData } from '@cvae/core';
import { createDataset } from '@cvae/datasets';
import { wasmBackend } from '@cvae/backend-wasm';

const [runsArg, perClassArg = '1000'] = process.argv.slice(2);
const perClass = Number(perClassArg);
await wasmBackend({}).init();
const names = createDataset('names');
await names.load();
const classes = names.spec.condition.classNames;

// --- A stated classifier: logistic regression on hashed character 1-3-grams of "^name$" (lower-cased),
// binary presence features, 2^15 buckets, plain SGD (lr 0.5, 15 epochs, L2 1e-6), fitted on the training split.
const BUCKETS = 1 << 15;
function features(text) {
  const s = `^${text.toLowerCase()}$`;
  const set = new Set();
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= s.length; i++) {
      let h = 2166136261 ^ n;
      for (const ch of s.slice(i, i + n)) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
      set.add(h % BUCKETS);
    }
  }
  return [...set];
}
function fitLogistic(texts, labels) {
  const w = new Float64Array(BUCKETS);
  let b = 0;
  const order = texts.map((_, i) => i);
  let seed = 1;
  const random = () => ((seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647);
  const feats = texts.map(features);
  for (let epoch = 0; epoch < 15; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const f = feats[i];
      const z = b + f.reduce((sum, k) => sum + w[k], 0);
      const g = 1 / (1 + Math.exp(-z)) - labels[i];
      for (const k of f) w[k] -= 0.5 * (g + 1e-6 * w[k]);
      b -= 0.5 * g;
    }
  }
  return (text) => (b + features(text).reduce((sum, k) => sum + w[k], 0) > 0 ? 1 : 0);
}
const trainTexts = names.texts('train');
const trainSet = new Set(trainTexts);
const predict = fitLogistic(trainTexts, Array.from(names.labels('train')));
const testTexts = names.texts('test');
const testLabels = names.labels('test');
const realTestAccuracy = testTexts.filter((t, i) => predict(t) === testLabels[i]).length / testTexts.length;

function distinct(texts, n) {
  const grams = new Set();
  let total = 0;
  for (const t of texts) {
    const chars = Array.from(t);
    for (let i = 0; i + n <= chars.length; i++) {
      grams.add(chars.slice(i, i + n).join(''));
      total++;
    }
  }
  return total === 0 ? 0 : grams.size / total;
}

const rows = [];
for (const run of runsArg.split(',')) {
  const dir = join(run, 'model');
  const manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  const model = await loadModel(manifest, new Uint8Array(await readFile(join(dir, 'weights.bin'))), dir);
  const conditioned = model.config.conditionSize === classes.length;
  const byClass = {};
  for (let k = 0; k < (conditioned ? classes.length : 1); k++) {
    const c = conditioned ? oneHot(new Array(perClass).fill(k), classes.length) : new Float32Array(perClass).fill(1);
    const ids = sampleData(model, c, 1000 + k);
    const length = model.config.inputSize;
    const texts = Array.from({ length: perClass }, (_, r) => names.vocabulary.decode(ids.subarray(r * length, (r + 1) * length)));
    byClass[conditioned ? classes[k] : 'all'] = {
      distinct1: distinct(texts, 1),
      distinct2: distinct(texts, 2),
      novel: texts.filter((t) => t !== '' && !trainSet.has(t)).length / perClass,
      empty: texts.filter((t) => t === '').length / perClass,
      unique: new Set(texts).size / perClass,
      control: conditioned ? texts.filter((t) => predict(t) === k).length / perClass : undefined,
      examples: texts.slice(0, 12),
    };
  }
  const values = Object.values(byClass);
  const control = conditioned ? values.reduce((s, v) => s + v.control, 0) / values.length : undefined;
  rows.push({ run, architecture: model.config.architecture, conditioned, realTestAccuracy, control, relativeControl: control === undefined ? undefined : control / realTestAccuracy, byClass });
  model.dispose();
}
process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
