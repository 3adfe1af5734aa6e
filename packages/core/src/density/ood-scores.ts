/**
 * log p(x) = log Σ_c p(c) p(x|c) of each row, from log p(x|c) per condition (row-major
 * [rows, classes], e.g. from `logLikelihoodPerCondition`) and the log prior of each class: the
 * density of an input whose class is unknown, as out-of-distribution scores need.
 *
 * @example
 * ```ts
 * const logPx = marginalLogLikelihood(logLik, 10, Array(10).fill(Math.log(0.1)));
 * ```
 */
export function marginalLogLikelihood(logLikelihood: Float32Array, classes: number, logPrior: readonly number[]): Float64Array {
  const rows = logLikelihood.length / classes;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, logLikelihood[r * classes + k] + logPrior[k]);
    let total = 0;
    for (let k = 0; k < classes; k++) total += Math.exp(logLikelihood[r * classes + k] + logPrior[k] - max);
    out[r] = max + Math.log(total);
  }
  return out;
}

/**
 * The input-complexity score of Serrà et al. 2020 ("Input complexity and out-of-distribution
 * detection with likelihood-based generative models"): S(x) = -log2 p(x) - L(x), bits, where L(x)
 * is the length in bits of x under a general-purpose lossless compressor (e.g. PNG). Raw
 * likelihood ranks simple inputs as likely whatever the training data (Nalisnick et al. 2019);
 * subtracting what any compressor would pay leaves what the model explains beyond simplicity.
 * High = out of distribution. Core takes L as an input: compressors live with the apps.
 *
 * @example
 * ```ts
 * const s = complexityCorrectedScore(nllNats, pngBits); // per example, bits
 * ```
 */
export function complexityCorrectedScore(negLogLikelihoodNats: ArrayLike<number>, complexityBits: ArrayLike<number>): Float64Array {
  if (negLogLikelihoodNats.length !== complexityBits.length) {
    throw new RangeError(`complexityCorrectedScore: ${negLogLikelihoodNats.length} likelihoods but ${complexityBits.length} complexities`);
  }
  return Float64Array.from({ length: complexityBits.length }, (_, i) => negLogLikelihoodNats[i] / Math.LN2 - complexityBits[i]);
}
