import { decodeMeans, encodeMeans, pca2d } from '@cvae/core';
import { writeFileAtomic } from '../output/safe-files.js';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { firstTestExamples, reopenDataset } from '../compose/dataset-door.js';
import { latentMapSpec } from '../charts/latent-map.js';
import { vegaLitePng } from '../charts/vega-png.js';
import { imageRowsPng, tileShape } from '../output/image-rows.js';

export interface LatentCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly n: number;
  /** Side of the decoded manifold grid of a 2-D model. */
  readonly grid: number;
}

/** Index of the largest value of each row: a one-hot condition's class. */
function argmaxRows(values: Float32Array, width: number): number[] {
  return Array.from({ length: values.length / width }, (_, r) => {
    let best = 0;
    for (let i = 1; i < width; i++) if (values[r * width + i] > values[r * width + best]) best = i;
    return best;
  });
}

/**
 * `cvae latent`: a map of the test set's posterior means E[z|x,c], coloured by label — the first
 * two principal components above 2 dimensions — and, for a 2-D model of images, the decoded
 * manifold (a grid of z over [-2, 2]^2 under the first class) written beside it.
 *
 * @example
 * ```ts
 * await latentCommand({ model: 'runs/x/model', backend: 'auto', out: 'latent.png', n: 2000, grid: 15 });
 * ```
 */
export async function latentCommand(options: LatentCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { source, dataset } = await reopenDataset(manifest, options.model, options);
    const { x, c, size } = await firstTestExamples(dataset, options.n);
    const { latentSize, conditionSize, inputSize } = model.config;
    const z = encodeMeans(model, x, c);
    const projected = latentSize > 2 ? pca2d(z, latentSize) : undefined;
    const points = projected?.points ?? (latentSize === 2 ? z : new Float32Array(size * 2).map((_, i) => (i % 2 === 0 ? z[i / 2] : 0)));
    const spec = manifest.dataset?.spec.condition;
    const names = spec?.kind === 'one-hot' ? spec.classNames : undefined;
    const labels = names === undefined ? new Array<string>(size).fill('all') : argmaxRows(c, conditionSize).map((k) => names[k] ?? String(k));
    const axis: [string, string] = projected
      ? [`PC1 (${(projected.explained[0] * 100).toFixed(0)}% of variance)`, `PC2 (${(projected.explained[1] * 100).toFixed(0)}%)`]
      : ['z1', 'z2'];
    await writeFileAtomic(options.out, await vegaLitePng(latentMapSpec(points, labels, axis)));
    const written = [options.out];
    if (latentSize === 2 && source.present === 'image-grid') {
      const side = options.grid;
      const grid = new Float32Array(side * side * 2).map((_, i) => -2 + (4 * (i % 2 === 0 ? Math.floor(i / 2) % side : Math.floor(i / 2 / side))) / (side - 1));
      const first = new Float32Array(side * side * conditionSize).map((_, i) => (i % conditionSize === 0 ? 1 : 0));
      const images = decodeMeans(model, grid, first);
      const rows = Array.from({ length: side }, (_, r) => images.slice(r * side * inputSize, (r + 1) * side * inputSize));
      const manifold = options.out.replace(/(\.png)?$/i, '-manifold.png');
      await writeFileAtomic(manifold, imageRowsPng(rows, inputSize, tileShape(manifest.dataset?.spec.input.shape, inputSize)));
      written.push(manifold);
    }
    process.stdout.write(`[cvae] wrote ${written.join(' and ')} (${size} test examples, ${latentSize}-D latent space)\n`);
  });
}
