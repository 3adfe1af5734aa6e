import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { oneHot } from '../data/one-hot.js';
import type { Batch, DatasetAdapter, DatasetSpec } from '../data/dataset.js';
import { seededRandom } from '../data/seeded-random.js';
import { evaluateIwae } from '../eval/iwae.js';
import { loadModel } from '../io/load-model.js';
import { saveModel } from '../io/save-model.js';
import { END_ID, PAD_ID, tokensNll } from '../likelihood/tokens.js';
import { sampleData } from '../sample/sample.js';
import { Trainer } from '../train/trainer.js';
import { parseModelConfig } from './config.js';
import { Cvae } from './cvae.js';
import { beamDecode } from './beam-search.js';
import { sampleLatent } from '../sample/sample.js';

beforeAll(useCpuBackend);

const VOCABULARY = 7; // pad, end, unk, a, b, c, d
const LENGTH = 7;

/** Class 0 writes a b a b ..., class 1 writes c d c d ..., 2 to 5 tokens, then the end token. */
function toyText(n: number, seed: number): { x: Float32Array; c: Float32Array } {
  const random = seededRandom(`toy:${seed}`);
  const x = new Float32Array(n * LENGTH);
  const labels: number[] = [];
  for (let row = 0; row < n; row++) {
    const label = row % 2;
    const length = 2 + Math.floor(random() * 4);
    for (let t = 0; t < length; t++) x[row * LENGTH + t] = 3 + 2 * label + (t % 2);
    x[row * LENGTH + length] = END_ID;
    labels.push(label);
  }
  return { x, c: oneHot(labels, 2) };
}

function toyDataset(): DatasetAdapter {
  const splits = { train: toyText(128, 1), test: toyText(32, 2) };
  const spec: DatasetSpec = {
    name: 'toy text',
    input: { shape: [LENGTH], size: LENGTH, kind: 'tokens' },
    condition: { names: ['class'], kind: 'one-hot', size: 2, classNames: ['ab', 'cd'] },
    likelihood: { kind: 'tokens', vocabularySize: VOCABULARY },
  };
  return {
    id: 'toy-text',
    spec,
    load: async () => {},
    size: (split) => splits[split].x.length / LENGTH,
    async *batches(split, batchSize): AsyncIterable<Batch> {
      const { x, c } = splits[split];
      const n = x.length / LENGTH;
      for (let i = 0; i < n; i += batchSize) {
        const size = Math.min(batchSize, n - i);
        yield { x: x.slice(i * LENGTH, (i + size) * LENGTH), c: c.slice(i * 2, (i + size) * 2), size };
      }
    },
  };
}

const config = (extra: Record<string, unknown> = {}) =>
  parseModelConfig({
    inputSize: LENGTH,
    conditionSize: 2,
    latentSize: 2,
    likelihood: { kind: 'tokens', vocabularySize: VOCABULARY },
    architecture: { kind: 'sequence', embedding: 8, hidden: 16, ...extra },
    seed: 3,
  });

describe('tokens likelihood', () => {
  it('sums -log softmax of each real token and the end token, and skips padding', () => {
    const logits = tf.randomNormal([2, 3 * 4], 0, 1, 'float32', 5) as tf.Tensor2D;
    const ids = tf.tensor2d([[3, 1, 0], [2, 3, 1]]);
    const nll = tokensNll({ kind: 'tokens', vocabularySize: 4 }, logits, ids).arraySync();
    const logP = tf.logSoftmax(tf.reshape(logits, [2, 3, 4])).arraySync() as number[][][];
    expect(nll[0]).toBeCloseTo(-(logP[0][0][3] + logP[0][1][1]), 5);
    expect(nll[1]).toBeCloseTo(-(logP[1][0][2] + logP[1][1][3] + logP[1][2][1]), 5);
    tf.dispose([logits, ids]);
  });

  it('refuses the sequence architecture with another likelihood', () => {
    expect(() => parseModelConfig({ inputSize: 5, conditionSize: 2, architecture: { kind: 'sequence' } })).toThrow(/needs the "tokens" likelihood/);
  });
});

describe('sequence architecture', () => {
  it('gives the same posterior and NLL whatever the padding after the end token', () => {
    const model = new Cvae(config());
    const short = tf.tensor2d([[3, 4, 1, 0, 0, 0, 0]]);
    const c = tf.tensor2d([[1, 0]]);
    const trimmed = tf.tensor2d([[3, 4, 1]]);
    const [a, b] = [model.encode(short, c), model.encode(trimmed, c)];
    expect(Array.from(a.mu.dataSync())).toEqual(Array.from(b.mu.dataSync()).map((v) => expect.closeTo(v, 5)));
    const z = tf.zeros([1, 2]) as tf.Tensor2D;
    const nllLong = model.reconstructionNll(model.decode(z, c, short), short).dataSync()[0];
    const nllShort = tf.tidy(() => {
      const logits = model.decode(z, c, trimmed);
      const small = new Cvae(parseModelConfig({ ...model.config, inputSize: 3 }));
      small.dispose();
      return tokensNll({ kind: 'tokens', vocabularySize: VOCABULARY }, logits, trimmed);
    }).dataSync()[0];
    expect(nllLong).toBeCloseTo(nllShort, 4);
    model.dispose();
    tf.dispose([short, c, trimmed, a.mu, a.logvar, b.mu, b.logvar, z]);
  });

  it('trains without leaking tensors, learns the classes and writes padding after the end token', async () => {
    const model = new Cvae(config());
    const trainer = new Trainer(model, toyDataset(), { epochs: 30, batchSize: 32, learningRate: 0.01, seed: 1 });
    const counts: number[] = [];
    const losses: number[] = [];
    for await (const event of trainer.run()) {
      if (event.type === 'epoch') {
        counts.push(event.numTensors);
        losses.push(event.test!.negElbo);
      }
    }
    trainer.dispose();
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(losses.at(-1)!).toBeLessThan(losses[0] * 0.5);
    const ids = sampleData(model, oneHot([0, 0, 0, 1, 1, 1], 2), 4);
    for (let row = 0; row < 6; row++) {
      const tokens = Array.from(ids.slice(row * LENGTH, (row + 1) * LENGTH));
      const end = tokens.indexOf(END_ID);
      expect(end).toBeGreaterThan(0);
      expect(tokens.slice(end + 1).every((t) => t === PAD_ID)).toBe(true);
      const letters = new Set(tokens.slice(0, end));
      expect([...letters].every((t) => (row < 3 ? t === 3 || t === 4 : t === 5 || t === 6))).toBe(true);
    }
    // Beam search of width 1 is greedy decoding; a wider beam finds a sequence at least as likely.
    const before = tf.memory().numTensors;
    const c = tf.tensor2d(oneHot([0, 1, 1], 2), [3, 2]);
    const z = sampleLatent(model, c, 5);
    const drawn = model.draw(z, c, 1, { greedy: true });
    const greedy = Array.from(drawn.dataSync());
    drawn.dispose();
    const afterDraw = tf.memory().numTensors;
    beamDecode(model, z, c, 3);
    expect(tf.memory().numTensors).toBe(afterDraw);
    expect(Array.from(beamDecode(model, z, c, 1))).toEqual(greedy);
    const score = (ids: Float32Array | number[]) => {
      const nll = tf.tidy(() => {
        const x = tf.tensor2d(Array.from(ids), [3, LENGTH]);
        return model.reconstructionNll(model.decode(z, c, x), x);
      });
      const values = nll.dataSync();
      nll.dispose();
      return values;
    };
    const [greedyNll, beamNll] = [score(greedy), score(beamDecode(model, z, c, 4))];
    for (let r = 0; r < 3; r++) expect(beamNll[r]).toBeLessThanOrEqual(greedyNll[r] + 1e-4);
    tf.dispose([c, z]);
    expect(tf.memory().numTensors).toBe(before);
    const { nll } = await evaluateIwae(model, toyDataset(), 'test', { k: 5 });
    expect(nll).toBeLessThan(losses[0]);
    // Saved and loaded, it decodes the same.
    const artifact = await saveModel(model);
    const loaded = await loadModel(artifact.manifest, artifact.weights);
    expect(Array.from(sampleData(loaded, oneHot([0, 1], 2), 9))).toEqual(Array.from(sampleData(model, oneHot([0, 1], 2), 9)));
    model.dispose();
    loaded.dispose();
  });
});
