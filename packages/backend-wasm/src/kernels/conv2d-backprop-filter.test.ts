import '@tensorflow/tfjs-backend-cpu';
import { Cvae, elboTerms, parseModelConfig } from '@cvae/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmBackend } from '../wasm-backend.js';
import { randomArray, type ConvCase } from './conv-test-cases.js';

/** Every case here names its data format. */
type Case = Required<ConvCase>;

beforeAll(() => wasmBackend({ threads: 1 }).init());

/** Largest |a - b| / max(|b|, floor) over two arrays. */
function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-3): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return worst;
}

/** Runs `fn` with `backend` active and returns its result as a plain array; `wasm` is active afterwards. */
async function on(backend: 'cpu' | 'wasm', fn: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const t = fn();
  const values = (await t.data()) as Float32Array;
  t.dispose();
  await tf.setBackend('wasm');
  return values;
}

describe('Conv2DBackpropFilter for wasm', () => {
  it('is registered by init() and the backend declares trainsConv', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(wasmBackend().capabilities.trainsConv).toBe(true);
  });

  const cases: Case[] = [
    { x: [3, 28, 28, 1], filter: [4, 4, 1, 8], strides: 2, pad: 'same', dataFormat: 'NHWC' },
    { x: [2, 14, 14, 8], filter: [4, 4, 8, 6], strides: 2, pad: 'same', dataFormat: 'NHWC' },
    { x: [2, 7, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same', dataFormat: 'NHWC' }, // odd sides
    { x: [2, 9, 8, 2], filter: [3, 2, 2, 5], strides: [1, 2], pad: 'valid', dataFormat: 'NHWC' },
    { x: [1, 6, 6, 2], filter: [1, 1, 2, 3], strides: 1, pad: 'valid', dataFormat: 'NHWC' }, // no patches to gather
    { x: [2, 8, 7, 3], filter: [3, 3, 3, 2], strides: 2, pad: 1, dataFormat: 'NHWC' },
    { x: [2, 3, 8, 7], filter: [4, 4, 3, 2], strides: 2, pad: 'same', dataFormat: 'NCHW' },
  ];

  it.each(cases)('equals tfjs-backend-cpu within 1e-4 relative: x %j', async ({ x, filter, strides, pad, dataFormat }) => {
    const xValues = randomArray(x.reduce((a, b) => a * b), `x${x}`);
    const info = tf.backend_util.computeConv2DInfo(x, filter, strides, 1, pad, undefined, false, tf.backend_util.convertConv2DDataFormat(dataFormat));
    const dyShape = dataFormat === 'NHWC' ? [x[0], info.outHeight, info.outWidth, filter[3]] : [x[0], filter[3], info.outHeight, info.outWidth];
    const dyValues = randomArray(dyShape.reduce((a, b) => a * b), `dy${x}`);
    const kernel = () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor(xValues, x), dy: tf.tensor(dyValues, dyShape) }, { strides, pad, dataFormat, filterShape: filter }) as tf.Tensor;
    const before = tf.memory().numTensors;
    const expected = await on('cpu', () => tf.tidy(kernel));
    const found = await on('wasm', () => tf.tidy(kernel));
    expect(found.length).toBe(filter.reduce((a, b) => a * b));
    expect(maxRelativeError(found, expected)).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees every intermediate buffer', () => {
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const f = tf.randomNormal([4, 4, 3, 5], 0, 1, 'float32', 2) as tf.Tensor4D;
    const grad = tf.grad((w: tf.Tensor) => tf.sum(tf.conv2d(x, w as tf.Tensor4D, 2, 'same')));
    tf.dispose(grad(f)); // warm-up
    const buffers = tf.memory().numDataBuffers;
    tf.dispose(grad(f));
    expect(tf.memory().numDataBuffers).toBe(buffers);
    tf.dispose([x, f]);
  });

  it('gives a conv CVAE the same loss and gradients on wasm as on cpu, within 1e-4 relative', async () => {
    const config = parseModelConfig({ inputSize: 196, conditionSize: 3, latentSize: 4, architecture: { kind: 'conv', imageShape: [14, 14, 1], channels: [8, 16] }, seed: 3 });
    const xValues = Float32Array.from(randomArray(16 * 196, 'images'), (v) => (v > 0 ? 1 : 0));
    const cValues = Float32Array.from({ length: 16 * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0));
    const run = async (backend: 'cpu' | 'wasm') => {
      await tf.setBackend(backend);
      const model = new Cvae(config);
      const [x, c] = [tf.tensor2d(xValues, [16, 196]), tf.tensor2d(cValues, [16, 3])];
      const { value, grads } = tf.variableGrads(() => elboTerms(model, x, c, 1, 7).loss, model.variables());
      const out = {
        weights: model.variables().map((v) => v.dataSync().slice()),
        loss: value.dataSync().slice(),
        grads: model.variables().map((v) => ({ name: model.localName(v), values: grads[v.name].dataSync().slice() })),
      };
      tf.dispose([x, c, value, ...Object.values(grads)]);
      model.dispose();
      return out;
    };
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(wasm.weights).toEqual(cpu.weights); // seeded initialisation is backend-independent
    expect(maxRelativeError(wasm.loss, cpu.loss)).toBeLessThan(1e-4);
    wasm.grads.forEach((g, i) => expect(maxRelativeError(g.values, cpu.grads[i].values), g.name).toBeLessThan(1e-4));
  });
});
