import { latentStats, reconstructMeans, type Cvae, type DatasetAdapter, type ModelManifest } from '@cvae/core';
import { writeFileAtomic } from '../output/safe-files.js';
import { dirname, join } from 'node:path';
import { lossChartSpec } from '../charts/loss-chart.js';
import { vegaLitePng } from '../charts/vega-png.js';
import type { TopLevelSpec } from 'vega-lite';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { firstTestExamples, reopenDataset } from '../compose/dataset-door.js';
import { classGridPng } from '../output/class-grid.js';
import { imageRowsPng, tileShape } from '../output/image-rows.js';
import { readMetrics } from '../output/metrics-log.js';

export interface ReportCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly seed: number;
  readonly json?: boolean;
}

/**
 * `cvae report`: a model's summary as its dataset's descriptor defines it (tables: the quality
 * report — column shapes, pair trends, baselines — against the training CSV, as text and JSON), or
 * for images one HTML page: loss curve, samples, reconstructions, active units.
 *
 * @example
 * ```ts
 * await reportCommand({ model: 'runs/x/model', backend: 'auto', out: 'report.html', seed: 0 });
 * ```
 */
export async function reportCommand(options: ReportCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { descriptor, dataset } = await reopenDataset(manifest, options.model, options);
    const report = descriptor.report?.(model, dataset, options.seed);
    if (report !== undefined) {
      const json = Object.entries(report.files).find(([name]) => name.endsWith('.json'))?.[1];
      await writeFileAtomic(options.out, json ?? `${JSON.stringify(report.lines)}\n`);
      const pictures = [];
      for (const [name, spec] of Object.entries(report.charts ?? {})) {
        pictures.push(join(dirname(options.out), name));
        await writeFileAtomic(pictures[pictures.length - 1], await vegaLitePng(spec as unknown as TopLevelSpec));
      }
      if (options.json) process.stdout.write(json ?? '{}\n');
      else process.stdout.write(`${report.lines.join('\n')}\n[cvae] wrote ${[options.out, ...pictures].join(', ')}\n`);
      return;
    }
    await writeFileAtomic(options.out, await imageReportHtml(model, manifest, dataset, options));
    if (options.json) process.stdout.write(`${JSON.stringify({ out: options.out })}\n`);
    else process.stdout.write(`[cvae] wrote ${options.out} (loss curve, samples, reconstructions, active units)\n`);
  });
}


async function imageReportHtml(model: Cvae, manifest: ModelManifest, dataset: DatasetAdapter, options: ReportCommandOptions): Promise<string> {
  const img = (png: Buffer, alt: string) => `<img alt="${alt}" src="data:image/png;base64,${png.toString('base64')}">`;
  const shape = tileShape(manifest.dataset?.spec.input.shape, model.config.inputSize);
  const { x, c } = await firstTestExamples(dataset, 10);
  // The run's metrics.jsonl sits beside its model folder, if the run is still there.
  const epochs = await readMetrics(join(dirname(options.model), 'metrics.jsonl'));
  const latent = await latentStats(model, dataset, 'test');
  const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const sections = [
    `<h1>${escape(manifest.dataset?.spec.name ?? 'model')} — ${escape(options.model)}</h1>`,
    epochs.length > 0 ? `<h2>Loss (nats per example)</h2>${img(await vegaLitePng(lossChartSpec(epochs)), 'loss curve')}` : '<p>No metrics.jsonl beside the model folder.</p>',
    `<h2>Samples (one row per class)</h2>${img(classGridPng(model, manifest.dataset?.spec.input.shape ?? shape, 10, options.seed), 'samples')}`,
    `<h2>Test examples (top) and reconstructions</h2>${img(imageRowsPng([x, reconstructMeans(model, x, c)], model.config.inputSize, shape), 'reconstructions')}`,
    `<h2>Latent units</h2><p>${latent.activeUnits} of ${model.config.latentSize} active (Cov<sub>x</sub> E<sub>q</sub>[z<sub>i</sub>] &gt; 0.01). KL per dimension (nats): ${latent.klPerDimension.map((k) => k.toFixed(2)).join(' ')}</p>`,
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>cvae report</title><style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}img{image-rendering:pixelated;max-width:100%}</style></head><body>\n${sections.join('\n')}\n</body></html>\n`;
}
