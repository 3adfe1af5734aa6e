import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { bernoulliNll } from '../likelihood/bernoulli.js';
import { reparameterize } from '../model/cvae.js';
import { gaussianKl, meanGaussianKl } from './kl.js';

beforeAll(useCpuBackend);

/** Largest |a - b| / max(|b|, floor) over the elements. */
function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-6): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
  return worst;
}

/** -log Bernoulli(x | sigmoid(l)) in float64, the stable textbook form. */
const exactNll = (l: number, x: number) => Math.max(l, 0) - l * x + Math.log1p(Math.exp(-Math.abs(l)));

describe('bernoulliNll against float64', () => {
  it('sums within 1e-5 relative for logits of spread 5, binary and fractional x', () => {
    const [rows, dims] = [40, 50];
    const logits = tf.mul(tf.randomNormal([rows, dims], 0, 1, 'float32', 3), 5) as tf.Tensor2D;
    for (const x of [tf.cast(tf.greater(tf.randomUniform([rows, dims], 0, 1, 'float32', 4), 0.5), 'float32'), tf.randomUniform([rows, dims], 0, 1, 'float32', 5)] as tf.Tensor2D[]) {
      const [l, xs] = [logits.arraySync(), x.arraySync()];
      const expected = l.map((row, r) => row.reduce((s, v, d) => s + exactNll(v, xs[r][d]), 0));
      expect(maxRelativeError(bernoulliNll(logits, x).dataSync(), expected)).toBeLessThan(1e-5);
    }
  });

  it('has the gradient sigmoid(l) - x, scaled by the upstream gradient', () => {
    const logits = tf.mul(tf.randomNormal([6, 7], 0, 1, 'float32', 6), 4) as tf.Tensor2D;
    const x = tf.randomUniform([6, 7], 0, 1, 'float32', 7) as tf.Tensor2D;
    const weights = tf.randomUniform([6], 0.5, 2, 'float32', 8);
    const grad = tf.grad((l: tf.Tensor) => tf.sum(tf.mul(bernoulliNll(l as tf.Tensor2D, x), weights)))(logits);
    const expected = tf.mul(tf.expandDims(weights, 1), tf.sub(tf.sigmoid(logits), x));
    expect(maxRelativeError(grad.dataSync(), expected.dataSync())).toBeLessThan(1e-6);
  });
});

describe('meanGaussianKl', () => {
  const mu = tf.randomNormal([9, 5], 0, 1.5, 'float32', 11) as tf.Tensor2D;
  const logvar = tf.randomNormal([9, 5], 0, 2, 'float32', 12) as tf.Tensor2D;

  it('is the batch mean of gaussianKl', () => {
    expect(maxRelativeError(meanGaussianKl(mu, logvar).dataSync(), tf.mean(gaussianKl(mu, logvar)).dataSync())).toBeLessThan(1e-6);
  });

  it('has the gradients of the plain ops (autodiff), scaled by the upstream gradient', () => {
    const loss = (kl: (m: tf.Tensor2D, lv: tf.Tensor2D) => tf.Scalar) => (m: tf.Tensor, lv: tf.Tensor) => tf.mul(kl(m as tf.Tensor2D, lv as tf.Tensor2D), 3);
    const fused = tf.grads(loss(meanGaussianKl))([mu, logvar]);
    const reference = tf.grads(loss((m, lv) => tf.mean(gaussianKl(m, lv))))([mu, logvar]);
    fused.forEach((g, i) => expect(maxRelativeError(g.dataSync(), reference[i].dataSync()), i === 0 ? 'd/dmu' : 'd/dlogvar').toBeLessThan(1e-5));
  });
});

describe('reparameterize', () => {
  const mu = tf.randomNormal([4, 3], 0, 1, 'float32', 21) as tf.Tensor2D;
  const logvar = tf.randomNormal([4, 3], 0, 1, 'float32', 22) as tf.Tensor2D;
  const plain = (m: tf.Tensor, lv: tf.Tensor, eps: tf.Tensor) => tf.add(m, tf.mul(tf.exp(tf.mul(lv, 0.5)), eps));

  for (const epsShape of [[4, 3], [5, 4, 3]]) {
    it(`has autodiff's value and gradients with eps of shape [${epsShape}]`, () => {
      const eps = tf.randomNormal(epsShape, 0, 1, 'float32', 23);
      const weights = tf.randomNormal(epsShape, 0, 1, 'float32', 24);
      const loss = (f: (m: tf.Tensor, lv: tf.Tensor) => tf.Tensor) => (m: tf.Tensor, lv: tf.Tensor) => tf.sum(tf.mul(tf.square(f(m, lv)), weights));
      const fused = tf.grads(loss((m, lv) => reparameterize(m as tf.Tensor2D, lv as tf.Tensor2D, eps)))([mu, logvar]);
      const reference = tf.grads(loss((m, lv) => plain(m, lv, eps)))([mu, logvar]);
      expect(maxRelativeError(reparameterize(mu, logvar, eps).dataSync(), plain(mu, logvar, eps).dataSync())).toBeLessThan(1e-6);
      fused.forEach((g, i) => expect(maxRelativeError(g.dataSync(), reference[i].dataSync(), 1e-3), i === 0 ? 'd/dmu' : 'd/dlogvar').toBeLessThan(1e-5));
    });
  }

  it('draws eps from a seed with the shape of mu, reproducibly', () => {
    expect(reparameterize(mu, logvar, 7).dataSync()).toEqual(reparameterize(mu, logvar, 7).dataSync());
    expect(reparameterize(mu, logvar, 7).shape).toEqual([4, 3]);
  });
});
