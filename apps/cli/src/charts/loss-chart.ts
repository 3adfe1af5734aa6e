import type { TopLevelSpec } from 'vega-lite';

/** One epoch's figures as `metrics.jsonl` holds them (nats per example). */
export interface EpochMetrics {
  readonly epoch: number;
  readonly train: { readonly loss: number; readonly kl: number };
  readonly test?: { readonly negElbo: number };
}

/**
 * The loss curve of a run: train loss and test -ELBO per epoch on top, the KL term below (its
 * scale is ten times smaller), both in nats per example.
 *
 * @example
 * ```ts
 * await writeFile('loss.png', await vegaLitePng(lossChartSpec(epochs)));
 * ```
 */
export function lossChartSpec(epochs: readonly EpochMetrics[]): TopLevelSpec {
  const values = epochs.flatMap((e) => [
    { epoch: e.epoch, series: 'train loss', nats: e.train.loss },
    ...(e.test === undefined ? [] : [{ epoch: e.epoch, series: 'test -ELBO', nats: e.test.negElbo }]),
    { epoch: e.epoch, series: 'train KL', nats: e.train.kl },
  ]);
  // Ticks on whole epochs only (a short run would otherwise show 1.5).
  const ticks = epochs.length <= 20 ? { values: epochs.map((e) => e.epoch) } : { tickMinStep: 1 };
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { ...ticks, format: 'd' } } as const;
  const panel = (series: string[], title: string) => ({
    width: 480,
    height: 180,
    transform: [{ filter: { field: 'series', oneOf: series } }],
    mark: { type: 'line', point: true },
    encoding: {
      x,
      y: { field: 'nats', type: 'quantitative', title, scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values },
    vconcat: [panel(['train loss', 'test -ELBO'], 'loss (nats per example)'), panel(['train KL'], 'KL (nats per example)')],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}
