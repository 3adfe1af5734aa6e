import type { ModelStore } from '../model-store.js';
import { readDrawing } from '../complete.js';
import { DrawingPad } from '../pad.js';
import { drawImages, el } from '../render.js';

const PIXELS = 784;

/** Draw a digit: it is encoded and decoded under every label; erase half of it and it is completed. */
export function drawView(root: HTMLElement, store: ModelStore): void {
  const padCanvas = el('canvas', { 'data-testid': 'draw-pad', class: 'pad' });
  const clear = el('button', { 'data-testid': 'draw-clear' }, 'clear');
  const erase = el('button', { 'data-testid': 'erase-half' }, 'erase bottom half');
  const input = el('canvas', { 'data-testid': 'draw-input' });
  const recon = el('canvas', { 'data-testid': 'draw-recon' });
  const verdict = el('p', { 'data-testid': 'draw-label' }, 'draw a digit in the black square');
  const every = el('canvas', { 'data-testid': 'draw-all' });
  const completed = el('canvas', { 'data-testid': 'draw-complete' });
  const completedCaption = el('p', { class: 'muted' }, 'erase half of the drawing to see it completed under every label');
  const left = el('div');
  left.append(padCanvas, el('div', { class: 'buttons' }));
  left.lastElementChild!.append(clear, erase);
  const right = el('div');
  const pair = el('div', { class: 'pair' });
  pair.append(labelled('input (28x28)', input), labelled('reconstruction', recon));
  right.append(pair, verdict, el('p', {}, 'its style decoded under every label 0–9'), every, completedCaption, completed);
  const row = el('div', { class: 'side-by-side' });
  row.append(left, right);
  root.append(row);

  let observed = new Float32Array(PIXELS).fill(1);
  const update = () => {
    const x = pad.read();
    const model = store.model;
    if (x === undefined || model === undefined) return;
    const shown = x.map((v, p) => v * observed[p]);
    drawImages(input, shown, { columns: 1, scale: 4 });
    const reading = readDrawing(model, x, observed);
    const { label } = reading;
    verdict.textContent = `reads as ${label} (-ELBO ${reading.scores[label].toFixed(1)} nats)`;
    verdict.dataset.label = String(label);
    drawImages(recon, reading.underEveryLabel.subarray(label * PIXELS, (label + 1) * PIXELS), { columns: 1, scale: 4 });
    drawImages(every, reading.underEveryLabel, { columns: 10, scale: 2 });
    const erased = observed.includes(0);
    completed.hidden = !erased;
    completedCaption.textContent = erased ? 'completed under every label 0–9 (the missing half filled in)' : 'erase half of the drawing to see it completed under every label';
    if (erased) drawImages(completed, reading.completed, { columns: 10, scale: 2 });
  };
  const pad = new DrawingPad(padCanvas, update);
  clear.addEventListener('click', () => {
    pad.clear();
    observed = new Float32Array(PIXELS).fill(1);
    for (const canvas of [input, recon, every, completed]) canvas.width = 0;
    verdict.textContent = 'draw a digit in the black square';
  });
  erase.addEventListener('click', () => {
    observed = Float32Array.from({ length: PIXELS }, (_, p) => (p < PIXELS / 2 ? 1 : 0));
    update();
  });
  store.onChange(update);
}

function labelled(caption: string, canvas: HTMLCanvasElement): HTMLElement {
  const figure = el('figure');
  figure.append(canvas, el('figcaption', {}, caption));
  return figure;
}
