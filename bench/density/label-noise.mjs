// Label-noise detection figure of issue 14: 1,000 of MNIST's 60,000 training labels are flipped at
// random (seeded; each to a uniformly chosen *other* digit) before training; the default CVAE is
// trained on the noisy labels with the library (trainCvae, node backend; the CLI's MNIST reader
// checks the files' md5, so a flipped copy cannot go through `cvae train`); then every training
// example is scored as `cvae classify` flags it: p(c_given|x) from p(c|x) ∝ p(x|c) p(c), IWAE k per
// class (core's logLikelihoodPerCondition), p(c) from the (noisy) training frequencies (the CLI's
// logClassPrior). Reported: flipped examples among the 1,000 and 2,000 highest flags (target:
// >= 700 of 1,000), the AUROC of the flag for flipped vs clean, the same for the likelihood ratio
// max_c log p(x|c) - log p(x|c_given), and the model's test accuracy (generative classification).
// Writes the JSON to bench/results/label-noise-seed<seed>-<epochs>ep.json (git-ignored) and stdout, and
// log p(x|c) of every training example to runs/density/label-noise-seed<seed>-<epochs>ep-loglik.f32 (raw
// float32, [60000, 10]) so other flag scores can be computed without training again.
// Usage: flock /work/heavy.lock node bench/density/label-noise.mjs [--seed 0] [--flips 1000] [--epochs 10] [--k 10] [--backend node|wasm]
//        [--train-size N --test-size N: a smoke run on the first examples]
//        (build first: npx nx run-many -t build; node backend: npm run setup:native)
import { classPosterior, logLikelihoodPerCondition, marginalLogLikelihood, oneHot, permutation, seededRandom, trainCvae } from '@cvae/core';
import { MnistAdapter } from '@cvae/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { logClassPrior } from '../../apps/cli/dist/compose/class-prior.js';
import { auroc, load, ROOT, RUNS } from './lib.mjs';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '0' }, flips: { type: 'string', default: '1000' }, epochs: { type: 'string', default: '10' }, k: { type: 'string', default: '10' }, backend: { type: 'string', default: 'node' }, 'train-size': { type: 'string' }, 'test-size': { type: 'string' } } });
const [seed, flips, epochs, k] = ['seed', 'flips', 'epochs', 'k'].map((name) => Number(values[name]));
const CLASSES = 10;
const argmax = (row) => row.indexOf(Math.max(...row));

/**
 * MNIST with `flips` training labels changed, each to a uniformly chosen different class; the
 * images, the test split and the order of examples are the inner adapter's. Which example a
 * shuffled row is comes from recomputing the inner adapter's permutation (IdxClassificationAdapter:
 * permutation(count, seededRandom(`${seed}:order`))), checked row by row against the clean labels,
 * so a change of that order stops the run instead of flipping the wrong examples.
 */
class FlippedLabels {
  constructor(inner, { flips, seed }) {
    Object.assign(this, { inner, flips, seed, id: inner.id, spec: inner.spec });
  }
  async load(options) {
    await this.inner.load(options);
    const count = this.inner.size('train');
    this.clean = new Uint8Array(count);
    let at = 0;
    for await (const batch of this.inner.batches('train', 1000, { shuffle: false })) {
      for (let r = 0; r < batch.size; r++) this.clean[at++] = argmax(Array.from(batch.c.subarray(r * CLASSES, (r + 1) * CLASSES)));
    }
    const random = seededRandom(`label-noise:${this.seed}`);
    this.flipped = permutation(count, random).slice(0, this.flips).sort();
    this.noisy = this.clean.slice();
    for (const i of this.flipped) this.noisy[i] = (this.clean[i] + 1 + Math.floor(random() * (CLASSES - 1))) % CLASSES;
  }
  size(split) {
    return this.inner.size(split);
  }
  async *batches(split, batchSize, options = {}) {
    if (split !== 'train') return yield* this.inner.batches(split, batchSize, options);
    const count = this.clean.length;
    const order = (options.shuffle ?? true) ? permutation(count, seededRandom(`${options.seed ?? 0}:order`)) : undefined;
    let at = 0;
    for await (const batch of this.inner.batches(split, batchSize, options)) {
      for (let r = 0; r < batch.size; r++, at++) {
        const example = order ? order[at] : at;
        const row = batch.c.subarray(r * CLASSES, (r + 1) * CLASSES);
        if (row[this.clean[example]] !== 1) throw new Error(`label-noise: row ${at} of a train batch is not example ${example}; the inner adapter's order changed`);
        row.fill(0);
        row[this.noisy[example]] = 1;
      }
      yield batch;
    }
  }
}

/** log p(x|c) for every class of every example of `split`, in dataset order, with the labels the dataset gives. */
async function scoreSplit(model, dataset, split) {
  const count = dataset.size(split);
  const logLik = new Float32Array(count * CLASSES);
  const labels = new Uint8Array(count);
  const everyClass = oneHot(Array.from({ length: CLASSES }, (_, i) => i), CLASSES);
  let index = 0;
  for await (const batch of dataset.batches(split, 500, { shuffle: false })) {
    const x = tf.tensor2d(batch.x, [batch.size, model.config.inputSize]);
    logLik.set(logLikelihoodPerCondition(model, x, everyClass, { k, seed: seed + index }), index * CLASSES);
    x.dispose();
    for (let r = 0; r < batch.size; r++) labels[index + r] = argmax(Array.from(batch.c.subarray(r * CLASSES, (r + 1) * CLASSES)));
    index += batch.size;
    if (index % 10000 === 0) console.error(`[label-noise] scored ${index}/${count} ${split} examples (${load()})`);
  }
  return { logLik, labels };
}

/** Example indices by ascending `score` (stable, as `cvae classify` sorts its flags). */
const rankedBy = (score) => Array.from(score.keys()).sort((a, b) => score[a] - score[b]);
/** How many of `flipped` are among the `n` examples of lowest `score`. */
const foundAmongLowest = (score, isFlipped, n) => rankedBy(score).slice(0, n).filter((i) => isFlipped[i]).length;

const { wasmBackend } = values.backend === 'wasm' ? await import('@cvae/backend-wasm') : {};
const backend = values.backend === 'wasm' ? wasmBackend() : (await import('@cvae/backend-node')).nodeBackend();
const dataset = new FlippedLabels(new MnistAdapter({ trainSize: values['train-size'] && Number(values['train-size']), testSize: values['test-size'] && Number(values['test-size']) }), { flips, seed });
const result = { seed, flips, epochs, k, backend: values.backend, load: { before: load() } };
const t0 = Date.now();
// `cvae train --dataset mnist` with every default (apps/cli/src/program.ts, train.ts; the image
// datasets' defaults in packages/datasets/src/image-descriptors.ts): MLP 512-512 mirrored, z32,
// learned prior p(z|c), c at every decoder layer, Bernoulli (from the spec), 10 epochs, batch 128,
// Adam 1e-3, KL weight warmed up linearly 0 -> 1 over the first 10% of training, seed 0.
const model = await trainCvae({
  backend,
  dataset,
  model: { latentSize: 32, encoderHidden: [512, 512], decoderHidden: [512, 512], architecture: { kind: 'mlp' }, prior: { kind: 'learned', hidden: [] }, decoderCondition: 'every-layer', seed: 0 },
  epochs,
  batchSize: 128,
  learningRate: 1e-3,
  beta: { kind: 'linear', from: 0, to: 1, fraction: 0.1 },
  freeBits: 0,
  independence: 0,
  importanceSamples: 1,
  seed: 0,
  onEpoch: (e) => console.error(`[label-noise] epoch ${e.epoch}: train loss ${e.train.loss.toFixed(2)}, test -ELBO ${e.test?.negElbo.toFixed(2)} (${load()})`),
});
result.training = { seconds: (Date.now() - t0) / 1000, testNegElbo: model.history.at(-1)?.test?.negElbo, load: load() };
console.error(`[label-noise] trained in ${result.training.seconds} s`);

const t1 = Date.now();
const logPrior = await logClassPrior(dataset, CLASSES);
const train = await scoreSplit(model.cvae, dataset, 'train');
const count = train.labels.length;
if (train.labels.some((label, i) => label !== dataset.noisy[i])) throw new Error('label-noise: the scored labels are not the noisy ones');
const isFlipped = new Uint8Array(count);
for (const i of dataset.flipped) isFlipped[i] = 1;
// The flag of `cvae classify`: p(c_given|x), float32 as classPosterior returns it; its log in
// doubles ranks the same way without underflowing to ties at 0; the likelihood ratio for comparison.
const posterior = classPosterior(train.logLik, CLASSES, logPrior);
const logPx = marginalLogLikelihood(train.logLik, CLASSES, logPrior);
const pGiven = new Float64Array(count);
const logPostGiven = new Float64Array(count);
const logRatio = new Float64Array(count);
let fitted = 0;
let recovered = 0;
const predicted = new Uint8Array(count);
for (let i = 0; i < count; i++) {
  const row = Array.from(train.logLik.subarray(i * CLASSES, (i + 1) * CLASSES));
  const given = train.labels[i];
  pGiven[i] = posterior[i * CLASSES + given];
  logPostGiven[i] = row[given] + logPrior[given] - logPx[i];
  logRatio[i] = row[given] - Math.max(...row); // <= 0; low = flagged
  predicted[i] = argmax(row.map((v, c) => v + logPrior[c]));
  if (isFlipped[i] && predicted[i] === given) fitted++;
  if (isFlipped[i] && predicted[i] === dataset.clean[i]) recovered++;
}
// What fills the top 1,000 besides flipped labels, and where the missed flips rank.
const ranked = rankedBy(logPostGiven);
const rankOf = new Uint32Array(count);
ranked.forEach((example, rank) => (rankOf[example] = rank));
const missedRanks = Array.from(dataset.flipped, (i) => rankOf[i] + 1).filter((rank) => rank > 1000).sort((a, b) => a - b);
const cleanMisclassified = (examples) => examples.filter((i) => !isFlipped[i] && predicted[i] !== train.labels[i]).length;
const split = (score) => {
  const flippedScores = [];
  const cleanScores = [];
  for (let i = 0; i < count; i++) (isFlipped[i] ? flippedScores : cleanScores).push(-score[i]);
  return { top1000: foundAmongLowest(score, isFlipped, 1000), top2000: foundAmongLowest(score, isFlipped, 2000), auroc: auroc(flippedScores, cleanScores) };
};
result.flags = {
  posteriorOfGivenLabel: split(logPostGiven),
  posteriorOfGivenLabelFloat32AsCli: { ...split(pGiven), zeroProbabilities: pGiven.filter((p) => p === 0).length },
  likelihoodRatio: split(logRatio),
  flippedPredictedAsGivenLabel: fitted,
  flippedPredictedAsTrueLabel: recovered,
  cleanMisclassifiedAmongTop1000: cleanMisclassified(ranked.slice(0, 1000)),
  cleanMisclassified: cleanMisclassified(ranked),
  pGivenOfThe1000thFlag: Math.exp(logPostGiven[ranked[999]]),
  missedFlipRank: { count: missedRanks.length, median: missedRanks[missedRanks.length >> 1], worst: missedRanks.at(-1) },
  seconds: (Date.now() - t1) / 1000,
};
console.error(`[label-noise] flags ${JSON.stringify(result.flags)}`);
mkdirSync(RUNS, { recursive: true });
writeFileSync(join(RUNS, `label-noise-seed${seed}-${epochs}ep-loglik.f32`), new Uint8Array(train.logLik.buffer));

const t2 = Date.now();
const test = await scoreSplit(model.cvae, dataset, 'test');
const testPosterior = classPosterior(test.logLik, CLASSES, logPrior);
let correct = 0;
for (let i = 0; i < test.labels.length; i++) if (argmax(Array.from(testPosterior.subarray(i * CLASSES, (i + 1) * CLASSES))) === test.labels[i]) correct++;
result.test = { examples: test.labels.length, accuracy: correct / test.labels.length, seconds: (Date.now() - t2) / 1000 };
result.load.after = load();
result.flipped = Array.from(dataset.flipped);
model.dispose();

const out = join(ROOT, 'bench', 'results', `label-noise-seed${seed}-${epochs}ep.json`);
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify({ ...result, flipped: `${result.flipped.length} indices in ${out}` }, null, 2));
