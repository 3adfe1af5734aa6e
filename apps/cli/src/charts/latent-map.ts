import type { TopLevelSpec } from 'vega-lite';

/**
 * A scatter of 2-D points (e.g. posterior means projected by PCA) coloured by label.
 *
 * @example
 * ```ts
 * await writeFile('latent.png', await vegaLitePng(latentMapSpec(points, labels, 'PC')));
 * ```
 */
export function latentMapSpec(points: Float32Array, labels: readonly string[], axis: [string, string]): TopLevelSpec {
  const values = labels.map((label, i) => ({ x: points[2 * i], y: points[2 * i + 1], label }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: 420,
    data: { values },
    mark: { type: 'circle', size: 14, opacity: 0.7 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: axis[0] },
      y: { field: 'y', type: 'quantitative', title: axis[1] },
      color: { field: 'label', type: 'nominal', title: 'label', scale: { scheme: 'category10' } },
    },
  } as TopLevelSpec;
}
