import './style.css';
import { BACKEND_NAMES, startBackend, type BackendName, type BackendReport } from './backends.js';
import { loadModelFromUrl } from './load-model-url.js';
import { ModelStore } from './model-store.js';
import { PageMnist } from './page-mnist.js';
import { el } from './render.js';
import { drawView } from './views/draw.js';
import { morphView } from './views/morph.js';
import { samplesView } from './views/samples.js';
import { slidersView } from './views/sliders.js';
import { tabularView } from './views/tabular.js';
import { trainView } from './views/train.js';

const params = new URLSearchParams(location.search);
const backendName: BackendName = params.get('backend') === 'webgl' ? 'webgl' : 'wasm';
const threads = params.has('threads') ? Number(params.get('threads')) : undefined;
const modelUrl = params.get('model') ?? 'model/model.json';
const section = (id: string) => document.getElementById(id)!;
const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!;

function showError(error: unknown): void {
  const banner = byTestId('model-error');
  banner.textContent = error instanceof Error ? error.message : String(error);
  banner.hidden = false;
}

function backendPicker(report: BackendReport): HTMLElement {
  const info = byTestId('backend-info');
  info.dataset.backend = report.name;
  info.dataset.threads = String(report.threads);
  info.dataset.isolated = String(report.isolated);
  const simd = report.name === 'wasm' ? (report.simd ? ', SIMD' : ', no SIMD') : '';
  info.textContent = `backend: ${report.name}, ${report.threads} thread(s)${simd}; page ${report.isolated ? '' : 'not '}cross-origin isolated${report.note ? ` (${report.note})` : ''}. Switch: `;
  const select = el('select', { 'data-testid': 'backend-select' });
  for (const name of BACKEND_NAMES) select.append(el('option', { value: name }, name));
  select.value = backendName;
  select.addEventListener('change', () => {
    params.set('backend', select.value);
    location.search = params.toString();
  });
  info.append(select);
  return info;
}

/** "10 epochs, test -ELBO 99.3 nats", from the training summary `cvae train` writes into model.json. */
function trainingSummary(training: Readonly<Record<string, unknown>> | undefined): string {
  const epochs = training?.['epochs'];
  const negElbo = (training?.['final'] as { test?: { negElbo?: number } } | undefined)?.test?.negElbo;
  return (typeof epochs === 'number' ? `; ${epochs} epochs` : '') + (typeof negElbo === 'number' ? `, test -ELBO ${negElbo.toFixed(1)} nats` : '');
}

async function main(): Promise<void> {
  const report = await startBackend(backendName, threads);
  backendPicker(report);
  if (params.get('bench') === 'step') {
    const { showStepBench } = await import('./bench.js');
    return showStepBench(report, Number(params.get('steps') ?? 30), params.get('in') === 'worker', threads);
  }
  const store = new ModelStore();
  let loadData: () => void = () => {};
  const data = new Promise<PageMnist>((resolve, reject) => {
    loadData = () => {
      const mnist = new PageMnist('data/');
      mnist.load().then(() => resolve(mnist), reject);
    };
  });
  samplesView(section('samples'), store, (at) => {
    document.body.dataset.firstGenerationMs = at.toFixed(0);
    byTestId('model-info').textContent += ` First samples ${at.toFixed(0)} ms after the page opened.`;
  });
  slidersView(section('sliders'), store, data);
  morphView(section('morph'), store);
  drawView(section('draw'), store);
  trainView(section('train'), store, data, report);
  tabularView(section('tabular'), report);
  try {
    const { model, manifest } = await loadModelFromUrl(modelUrl);
    byTestId('model-info').textContent = `model: ${modelUrl} (checksum verified; latent ${model.config.latentSize}, hidden ${model.config.encoderHidden.join(',')}${trainingSummary(manifest.training)}).`;
    store.set(model, modelUrl);
  } catch (error) {
    showError(error);
  } finally {
    loadData();
  }
  store.onChange((_, source) => {
    if (source !== modelUrl) byTestId('model-info').textContent = `model: ${source}.`;
  });
  document.body.dataset.ready = 'true';
}

main().catch(showError);
