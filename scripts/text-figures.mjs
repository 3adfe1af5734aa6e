// Figures of docs/text.md (issue 16): for each trained model folder, 1,000 samples per class
// (temperature 1): distinct-1/2 (over the dataset's tokens: characters for names, words for
// spam-assassin), novelty, and control (the share an n-gram logistic regression trained on the real
// training split assigns to the conditioned class, beside its accuracy on real test texts, overall and
// class-balanced). Usage:
//   node scripts/text-figures.mjs RUN_DIR[,RUN_DIR...] [perClass] [datasetId] > figures.json
// Each RUN_DIR holds model/ written by `cvae train --dataset <datasetId>` (default names). Run under
// flock /work/heavy.lock.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadModel, oneHot, sampleData } from '@cvae/core';
import { createDataset, tokenize } from '@cvae/datasets';
import { wasmBackend } from '@cvae/backend-wasm';

const [runsArg, perClassArg = '1000', datasetId = 'names'] = process.argv.slice(2);
const perClass = Number(perClassArg);
await wasmBackend({ threads: 1 }).init();
const dataset = createDataset(datasetId);
await dataset.load();
const classes = dataset.spec.condition.classNames;
const unit = dataset.vocabulary.unit;
// Texts as the model sees them (rare words read as <unk>), so samples and training texts compare alike.
const asModelSees = (text) => dataset.vocabulary.decode(dataset.vocabulary.encode(text));

// --- A stated classifier: logistic regression on hashed n-grams of the lower-cased text between
// start/end marks: character 1-3-grams (char datasets) or word 1-2-grams (word datasets); binary
// presence features, 2^15 buckets, plain SGD (lr 0.5, 15 epochs, L2 1e-6), fitted on the training split.
const BUCKETS = 1 << 15;
const ORDER = unit === 'char' ? 3 : 2;
function features(text) {
  const s = ['^', ...tokenize(text.toLowerCase(), unit), '$'];
  const set = new Set();
  for (let n = 1; n <= ORDER; n++) {
    for (let i = 0; i + n <= s.length; i++) {
      let h = 2166136261 ^ n;
      for (const ch of s.slice(i, i + n).join('\u0001')) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
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
const trainTexts = dataset.texts('train').map(asModelSees);
const trainSet = new Set(trainTexts);
const predict = fitLogistic(trainTexts, Array.from(dataset.labels('train')));
const testTexts = dataset.texts('test').map(asModelSees);
const testLabels = dataset.labels('test');
const realTestAccuracy = testTexts.filter((t, i) => predict(t) === testLabels[i]).length / testTexts.length;
// Samples come 1,000 per class, so their control is a class mean: compare it with the real per-class mean too.
const realPerClass = classes.map((_, k) => {
  const rows = testTexts.filter((_, i) => testLabels[i] === k);
  return rows.filter((t) => predict(t) === k).length / rows.length;
});
const realBalancedAccuracy = realPerClass.reduce((a, b) => a + b, 0) / classes.length;

function distinct(texts, n) {
  const grams = new Set();
  let total = 0;
  for (const t of texts) {
    const tokens = tokenize(t, unit);
    for (let i = 0; i + n <= tokens.length; i++) {
      grams.add(tokens.slice(i, i + n).join('\u0001'));
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
    const texts = Array.from({ length: perClass }, (_, r) => dataset.vocabulary.decode(ids.subarray(r * length, (r + 1) * length)));
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
  rows.push({
    run,
    architecture: model.config.architecture,
    conditioned,
    realTestAccuracy,
    realPerClass,
    realBalancedAccuracy,
    control,
    relativeControl: control === undefined ? undefined : control / realTestAccuracy,
    relativeControlBalanced: control === undefined ? undefined : control / realBalancedAccuracy,
    byClass,
  });
  model.dispose();
}
process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
