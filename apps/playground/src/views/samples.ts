import { oneHot, sampleMeans, type Cvae } from '@cvae/core';
import type { ModelStore } from '../model-store.js';
import { drawImages, el } from '../render.js';

const GRID = 10;

/** Pick a class → a 10x10 grid of new samples, with the time it took. */
export function samplesView(root: HTMLElement, store: ModelStore, onFirstGrid: (ms: number) => void): void {
  const buttons = el('div', { class: 'buttons' });
  const canvas = el('canvas', { 'data-testid': 'sample-grid' });
  const timing = el('p', { class: 'timing', 'data-testid': 'grid-ms' });
  const again = el('button', { 'data-testid': 'new-samples' }, 'new samples');
  root.append(buttons, canvas, timing, again);
  let label = 3;
  let seed = 1;
  let first = true;
  const render = (model: Cvae) => {
    const started = performance.now();
    const images = sampleMeans(model, oneHot(new Array(GRID * GRID).fill(label), model.config.conditionSize), seed);
    drawImages(canvas, images, { columns: GRID, scale: 2 });
    const ms = performance.now() - started;
    timing.textContent = `${GRID * GRID} samples of "${label}" in ${ms.toFixed(1)} ms`;
    timing.dataset.ms = ms.toFixed(2);
    canvas.dataset.label = String(label);
    if (first) onFirstGrid(performance.now());
    first = false;
  };
  const draw = () => store.model && render(store.model);
  for (let c = 0; c < 10; c++) {
    const button = el('button', { 'data-testid': `class-${c}` }, String(c));
    button.addEventListener('click', () => {
      label = c;
      buttons.querySelectorAll('button').forEach((b) => b.classList.toggle('active', b === button));
      draw();
    });
    buttons.append(button);
  }
  buttons.children[label].classList.add('active');
  again.addEventListener('click', () => {
    seed++;
    draw();
  });
  store.onChange(render);
}
