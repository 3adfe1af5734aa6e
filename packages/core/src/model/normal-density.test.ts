import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { normalLogDensity, reparameterizedLogDensity } from './normal-density.js';

beforeAll(useCpuBackend);

/** log N(z; mu, diag(exp(logvar))) written out by hand. */
const byHand = (z: number[], mu: number[], logvar: number[]) =>
  z.reduce((s, v, d) => s - 0.5 * ((v - mu[d]) ** 2 / Math.exp(logvar[d]) + logvar[d] + Math.log(2 * Math.PI)), 0);

describe('normalLogDensity', () => {
  const z = [[0.5, -1, 2], [3, 0, -0.25]];
  const mu = [[0, 0, 1], [2.5, -1, 0]];
  const logvar = [[0, Math.log(0.5), Math.log(3)], [Math.log(0.1), 1, -2]];

  it('is the diagonal Gaussian log-density summed over the last axis, as written out by hand', () => {
    const got = tf.tidy(() => Array.from(normalLogDensity(tf.tensor2d(z), tf.tensor2d(mu), tf.tensor2d(logvar)).dataSync()));
    z.forEach((row, i) => expect(got[i]).toBeCloseTo(byHand(row, mu[i], logvar[i]), 5));
  });

  it('from the noise eps of z = mu + exp(logvar / 2) eps, gives the same value', () => {
    const [direct, fromEps] = tf.tidy(() => {
      const m = tf.tensor2d(mu);
      const lv = tf.tensor2d(logvar);
      const eps = tf.tensor2d([[0.3, -1.2, 0.7], [-2, 0.1, 1.5]]);
      const zs = tf.add(m, tf.mul(tf.exp(tf.mul(lv, 0.5)), eps));
      return [normalLogDensity(zs, m, lv).arraySync(), reparameterizedLogDensity(eps, lv).arraySync()] as number[][];
    });
    direct.forEach((v, i) => expect(fromEps[i]).toBeCloseTo(v, 4));
  });

  it('broadcasts z [rows, 1, latent] against components [rows, K, latent], and its gradient keeps z’s shape', () => {
    const components = tf.tensor3d([[mu[0], mu[1]], [mu[1], [1, 1, 1]]]); // two components per row
    const zs = tf.tensor3d([[z[0]], [z[1]]]);
    const logvars = tf.zerosLike(components);
    const got = tf.tidy(() => normalLogDensity(zs, components, logvars).arraySync() as number[][]);
    const mus = components.arraySync() as number[][][];
    got.forEach((row, i) => row.forEach((v, k) => expect(v).toBeCloseTo(byHand(z[i], mus[i][k], [0, 0, 0]), 5)));
    const grad = tf.grad((x: tf.Tensor) => tf.sum(normalLogDensity(x, components, logvars)))(zs);
    expect(grad.shape).toEqual([2, 1, 3]);
    // d/dz sum_k log N(z; mu_k, I) = sum_k (mu_k - z)
    const g = grad.arraySync() as number[][][];
    g.forEach((row, i) => row[0].forEach((v, d) => expect(v).toBeCloseTo(mus[i][0][d] + mus[i][1][d] - 2 * z[i][d], 5)));
    tf.dispose([components, zs, logvars, grad]);
  });
});
