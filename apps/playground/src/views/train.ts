import { Cvae, parseModelConfig, Trainer } from '@cvae/core';
import type { BackendReport } from '../backends.js';
import { modelDownloadLinks } from '../download.js';
import { LossChart } from '../loss-chart.js';
import type { ModelStore } from '../model-store.js';
import type { PageMnist } from '../page-mnist.js';
import { el, nextFrame } from '../render.js';

function numberField(name: string, value: number, testId: string): HTMLInputElement {
  return el('input', { type: 'number', min: '1', name, value: String(value), 'data-testid': testId });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/**
 * Train a CVAE in the page on MNIST (a subset served with the app): live loss curve, pause and
 * resume, ms per step, then use the model in the other views or download it for `cvae sample`.
 */
export function trainView(root: HTMLElement, store: ModelStore, data: Promise<PageMnist>, backend: BackendReport): void {
  const fields = {
    epochs: numberField('epochs', 3, 'train-epochs'),
    maxSteps: numberField('max steps', 1000, 'train-max-steps'),
    hidden: numberField('hidden', 400, 'train-hidden'),
    latent: numberField('latent', 20, 'train-latent'),
    batch: numberField('batch', 128, 'train-batch'),
  };
  const start = el('button', { 'data-testid': 'train-start' }, 'train');
  const pause = el('button', { 'data-testid': 'train-pause', disabled: '' }, 'pause');
  const use = el('button', { 'data-testid': 'train-use', disabled: '' }, 'use this model');
  const save = el('button', { 'data-testid': 'train-save', disabled: '' }, 'save as files');
  const status = el('p', { 'data-testid': 'train-status' }, `${backend.name}, ${backend.threads} thread(s); MNIST subset served with the page`);
  const chart = new LossChart(el('canvas', { 'data-testid': 'train-chart' }));
  const links = el('p', { class: 'links' });
  const form = el('div', { class: 'buttons' });
  for (const input of Object.values(fields)) {
    const label = el('label', {}, `${input.name} `);
    label.append(input);
    form.append(label);
  }
  form.append(start, pause, use, save);
  root.append(form, status, chart.canvas, links);

  let model: Cvae | undefined;
  let paused: { promise: Promise<void>; resume: () => void } | undefined;
  let running = false;

  pause.addEventListener('click', () => {
    if (paused) {
      paused.resume();
      paused = undefined;
      pause.textContent = 'pause';
    } else {
      let resume = () => {};
      paused = { promise: new Promise<void>((r) => (resume = r)), resume };
      pause.textContent = 'resume';
    }
  });
  use.addEventListener('click', () => model && store.set(model, 'trained in this page'));
  save.addEventListener('click', async () => {
    if (model === undefined) return;
    links.querySelectorAll('a').forEach((a) => URL.revokeObjectURL(a.href));
    const mnist = await data;
    links.replaceChildren(...(await modelDownloadLinks(model, { id: mnist.id, spec: mnist.spec }, { trainedIn: 'browser', backend: backend.name, steps: chart.values.length })));
  });
  start.addEventListener('click', async () => {
    if (running) return;
    running = true;
    [start.disabled, pause.disabled, use.disabled, save.disabled] = [true, false, false, true];
    try {
      await run(Number(fields.epochs.value), Number(fields.maxSteps.value));
    } catch (error) {
      status.textContent = String(error instanceof Error ? error.message : error);
      status.classList.add('error');
    } finally {
      running = false;
      [start.disabled, pause.disabled, save.disabled] = [false, true, false];
    }
  });

  async function run(epochs: number, maxSteps: number): Promise<void> {
    status.textContent = 'loading MNIST…';
    const mnist = await data;
    if (model !== undefined && model !== store.model) model.dispose();
    const hidden = Number(fields.hidden.value);
    model = new Cvae(parseModelConfig({ inputSize: 784, conditionSize: 10, encoderHidden: [hidden], decoderHidden: [hidden], latentSize: Number(fields.latent.value) }));
    const trainer = new Trainer(model, mnist, { epochs, batchSize: Number(fields.batch.value), evaluate: false });
    chart.reset();
    const times: number[] = [];
    const steps = trainer.run()[Symbol.asyncIterator]();
    try {
      while (chart.values.length < maxSteps) {
        if (paused) {
          status.textContent = `paused after ${chart.values.length} steps`;
          status.dataset.paused = 'true';
          await paused.promise;
          delete status.dataset.paused;
        }
        const started = performance.now();
        const next = await steps.next();
        const ms = performance.now() - started;
        if (next.done) break;
        if (next.value.type !== 'batch') continue;
        const { epoch, step, loss } = next.value;
        chart.push(loss);
        times.push(ms);
        const recent = median(times.slice(-20));
        status.textContent = `epoch ${epoch}, step ${step}: loss ${loss.toFixed(1)} nats | ${recent.toFixed(1)} ms/step | ${backend.name}, ${backend.threads} thread(s)`;
        status.dataset.msPerStep = recent.toFixed(2);
        status.dataset.steps = String(chart.values.length);
        if (chart.values.length % 5 === 0) chart.draw();
        await nextFrame();
      }
    } finally {
      await steps.return?.(undefined);
      trainer.dispose();
    }
    chart.draw();
    chart.canvas.dataset.losses = JSON.stringify(chart.values.map((v) => Number(v.toFixed(3))));
    status.textContent = `done: ${chart.values.length} steps, median ${median(times).toFixed(1)} ms/step on ${backend.name} (${backend.threads} thread(s))`;
    status.dataset.msPerStep = median(times).toFixed(2);
    status.dataset.done = 'true';
  }
}
