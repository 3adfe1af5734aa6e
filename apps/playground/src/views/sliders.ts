import * as tf from '@tensorflow/tfjs-core';
import { latentStats, type Cvae, type DatasetAdapter } from '@cvae/core';
import type { ModelStore } from '../model-store.js';
import { drawImages, el } from '../render.js';

/** Active latent dimensions (Burda et al.: Cov_x(E_q[z_i]) > 0.01), the most informative (largest KL) first. */
export async function activeDimensionsByKl(model: Cvae, data: DatasetAdapter): Promise<{ dim: number; kl: number }[]> {
  const stats = await latentStats(model, data, 'test', { batchSize: 500 });
  return stats.klPerDimension
    .map((kl, dim) => ({ dim, kl, active: stats.activity[dim] > 0.01 }))
    .filter((d) => d.active)
    .sort((a, b) => b.kl - a.kl)
    .map(({ dim, kl }) => ({ dim, kl }));
}

/** One slider per active latent dimension, ordered by KL; the decoded image redraws as they move. */
export function slidersView(root: HTMLElement, store: ModelStore, data: Promise<DatasetAdapter>): void {
  const label = el('select', { 'data-testid': 'slider-class' });
  for (let c = 0; c < 10; c++) label.append(el('option', { value: String(c) }, String(c)));
  label.value = '5';
  const canvas = el('canvas', { 'data-testid': 'slider-image' });
  const list = el('div', { class: 'sliders', 'data-testid': 'sliders' });
  const reset = el('button', {}, 'reset');
  const row = el('div', { class: 'side-by-side' });
  const left = el('div');
  const caption = el('p', {}, 'class ');
  caption.append(label);
  left.append(caption, canvas, reset);
  row.append(left, list);
  root.append(row);

  let z = new Float32Array(0);
  let model: Cvae | undefined;
  const redraw = () => {
    if (model === undefined) return;
    const m = model;
    const mean = tf.tidy(() => {
      const c = tf.cast(tf.oneHot(tf.tensor1d([Number(label.value)], 'int32'), m.config.conditionSize), 'float32') as tf.Tensor2D;
      return m.mean(m.decode(tf.tensor2d(z, [1, m.config.latentSize]), c));
    });
    drawImages(canvas, mean.dataSync() as Float32Array, { columns: 1, scale: 8 });
    mean.dispose();
  };
  const build = async (next: Cvae) => {
    model = next;
    z = new Float32Array(next.config.latentSize);
    list.replaceChildren(el('p', { class: 'muted' }, 'measuring KL per latent dimension…'));
    redraw();
    const dims = await activeDimensionsByKl(next, await data);
    if (model !== next) return;
    list.replaceChildren(el('p', { class: 'muted' }, `${dims.length} active of ${next.config.latentSize} latent dimensions, most KL first`));
    dims.forEach(({ dim, kl }, i) => {
      const slider = el('input', { type: 'range', min: '-3', max: '3', step: '0.05', value: '0', 'data-testid': `slider-${i}`, 'data-dim': String(dim) });
      slider.addEventListener('input', () => {
        z[dim] = Number(slider.value);
        redraw();
      });
      const row = el('label', { class: 'slider' }, `z${dim} (${kl.toFixed(2)} nats) `);
      row.append(slider);
      list.append(row);
    });
    list.dataset.ready = String(dims.length);
  };
  label.addEventListener('change', redraw);
  reset.addEventListener('click', () => {
    z.fill(0);
    list.querySelectorAll('input').forEach((s) => (s.value = '0'));
    redraw();
  });
  store.onChange((next) => void build(next).catch((error: unknown) => list.replaceChildren(el('p', { class: 'error' }, String(error)))));
}
