import { CvaeError } from '../errors/cvae-error.js';

/**
 * Projects row-major points [rows, dims] on their first two principal components (power iteration
 * on the covariance, deflated once), returning [rows, 2] and the share of variance each explains.
 * Points of 2 dimensions or fewer come back centred but unrotated (padded with zeros).
 *
 * @example
 * ```ts
 * const { points, explained } = pca2d(posteriorMeans, 32); // a 2-D map of a 32-D latent space
 * ```
 */
export function pca2d(values: Float32Array, dims: number): { points: Float32Array; explained: [number, number] } {
  const rows = values.length / dims;
  if (!Number.isInteger(rows) || rows < 1) throw new CvaeError('pca', `${values.length} values do not make rows of ${dims}`);
  const mean = new Float64Array(dims);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) mean[d] += values[r * dims + d] / rows;
  const centred = Float64Array.from(values, (v, i) => v - mean[i % dims]);
  const cov = new Float64Array(dims * dims);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < dims; i++) {
      const a = centred[r * dims + i];
      for (let j = i; j < dims; j++) cov[i * dims + j] += (a * centred[r * dims + j]) / rows;
    }
  }
  for (let i = 0; i < dims; i++) for (let j = 0; j < i; j++) cov[i * dims + j] = cov[j * dims + i];
  let total = 0;
  for (let i = 0; i < dims; i++) total += cov[i * dims + i];
  const components: Float64Array[] = [];
  const variances: number[] = [];
  for (let k = 0; k < Math.min(2, dims); k++) {
    let v = Float64Array.from({ length: dims }, (_, i) => 1 + i / dims);
    let lambda = 0;
    for (let iter = 0; iter < 200; iter++) {
      const next = new Float64Array(dims);
      for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) next[i] += cov[i * dims + j] * v[j];
      const norm = Math.hypot(...next);
      if (norm === 0) break;
      lambda = norm;
      v = next.map((x) => x / norm);
    }
    components.push(v);
    variances.push(lambda);
    // Deflate: remove the found direction so the next iteration finds the second component.
    for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) cov[i * dims + j] -= lambda * v[i] * v[j];
  }
  const points = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    components.forEach((v, k) => {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += centred[r * dims + d] * v[d];
      points[r * 2 + k] = dot;
    });
  }
  const share = (k: number) => (total > 0 ? (variances[k] ?? 0) / total : 0);
  return { points, explained: [share(0), share(1)] };
}
