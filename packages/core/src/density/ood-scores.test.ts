import { describe, expect, it } from 'vitest';
import { classPosterior } from './example-scores.js';
import { complexityCorrectedScore, marginalLogLikelihood } from './ood-scores.js';

describe('out-of-distribution scores', () => {
  it('marginalLogLikelihood is log Σ p(c) p(x|c), stable for very negative log-likelihoods', () => {
    const logLik = Float32Array.from([Math.log(0.2), Math.log(0.6), -1000, -1001]);
    const logPrior = [Math.log(0.25), Math.log(0.75)];
    const [near, far] = marginalLogLikelihood(logLik, 2, logPrior);
    expect(near).toBeCloseTo(Math.log(0.25 * 0.2 + 0.75 * 0.6), 6);
    expect(far).toBeCloseTo(-1000 + Math.log(0.25 + 0.75 * Math.exp(-1)), 4);
    const posterior = classPosterior(logLik, 2, logPrior);
    expect(posterior[0] + posterior[1]).toBeCloseTo(1, 6);
    expect(posterior[1]).toBeCloseTo((0.75 * 0.6) / (0.25 * 0.2 + 0.75 * 0.6), 6);
  });

  it('complexityCorrectedScore is -log2 p(x) - L(x) in bits', () => {
    const s = complexityCorrectedScore([Math.LN2 * 100, Math.LN2 * 50], [30, 60]);
    expect(Array.from(s)).toEqual([70, -10]);
    expect(() => complexityCorrectedScore([1], [])).toThrow(/1 likelihoods but 0 complexities/);
  });
});
