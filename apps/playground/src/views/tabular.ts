import { conditionRow, Cvae, parseModelConfig, repeatRows, Trainer } from '@cvae/core';
import { csvTextRecords, inferSchema, recordsCsv, sampleRecords, TABULAR_DEFAULTS, TabularAdapter, type ColumnSchema, type TabularRecord } from '@cvae/datasets/browser';
import type { BackendReport } from '../backends.js';
import { LossChart } from '../loss-chart.js';
import { el, nextFrame } from '../render.js';
import { recordsTable, textDownloadLink } from '../table.js';

/** Synthetic rows shown per condition value, and written per value into samples.csv. */
const SHOWN_PER_VALUE = 5;
const SAVED_PER_VALUE = 100;
/** Kinds a condition column may have: a handful of values, one class each. */
const CONDITION_KINDS = new Set(['categorical', 'boolean']);

interface Dropped {
  readonly name: string;
  readonly text: string;
  readonly schema: ColumnSchema[];
}

/**
 * Train on a CSV dropped into the page (the tabular path of `@cvae/datasets/browser`): the column
 * kinds are shown, a condition column is chosen, a CVAE with the CLI's tabular defaults trains with
 * a live loss curve, then synthetic rows are drawn for each value of the condition and offered as
 * samples.csv. Nothing leaves the page.
 */
export function tabularView(root: HTMLElement, backend: BackendReport): void {
  const input = el('input', { type: 'file', accept: '.csv,text/csv', 'data-testid': 'csv-input' });
  const zone = el('div', { class: 'drop-zone', 'data-testid': 'csv-drop' }, 'drop a CSV file here, or choose one: ');
  const example = el('button', { 'data-testid': 'csv-example' }, 'or try penguins.csv');
  zone.append(input, example);
  const columns = el('div', { 'data-testid': 'csv-columns' });
  const condition = el('select', { 'data-testid': 'csv-condition' });
  const steps = el('input', { type: 'number', min: '1', value: '600', 'data-testid': 'csv-steps' });
  const train = el('button', { 'data-testid': 'csv-train', disabled: '' }, 'train');
  const form = el('div', { class: 'buttons' });
  form.append(el('label', {}, 'condition column '), condition, el('label', {}, ' steps '), steps, train);
  const status = el('p', { 'data-testid': 'csv-status' });
  const chart = new LossChart(el('canvas', { 'data-testid': 'csv-chart' }));
  const synthetic = el('div', { 'data-testid': 'csv-synthetic' });
  const links = el('p', { class: 'links' });
  root.append(zone, columns, form, status, chart.canvas, synthetic, links);

  let dropped: Dropped | undefined;
  const fail = (error: unknown) => {
    status.textContent = error instanceof Error ? error.message : String(error);
    status.classList.add('error');
    status.dataset.error = 'true';
  };
  const say = (text: string) => {
    status.textContent = text;
    status.classList.remove('error');
    delete status.dataset.error;
  };

  async function open(file: File): Promise<void> {
    const text = await file.text();
    const schema = inferSchema(csvTextRecords(text, { name: file.name }).map(({ record }) => record), {}, (line) => `${file.name} line ${line}`);
    dropped = { name: file.name, text, schema };
    columns.replaceChildren(recordsTable(['column', 'kind'], schema.map((c) => ({ column: c.name, kind: c.kind })), 'csv-kinds'));
    const choices = schema.filter((c) => CONDITION_KINDS.has(c.kind));
    condition.replaceChildren(...choices.map((c) => el('option', { value: c.name }, c.name)));
    train.disabled = choices.length === 0;
    if (choices.length === 0) throw new Error(`[cvae] [playground] ${file.name}: no categorical or boolean column to condition on; fix: add one (e.g. a class or group column)`);
    say(`${file.name}: ${schema.length} columns. Pick the condition column and train.`);
  }

  const openChecked = (file: File | undefined) => file && open(file).catch(fail);
  input.addEventListener('change', () => openChecked(input.files?.[0]));
  example.addEventListener('click', async () => {
    const response = await fetch('data/penguins.csv');
    if (!response.ok) return fail(new Error(`[cvae] [playground] data/penguins.csv: HTTP ${response.status}; fix: rebuild the page (npm run playground)`));
    await openChecked(new File([await response.blob()], 'penguins.csv', { type: 'text/csv' }));
  });
  zone.addEventListener('dragover', (event) => event.preventDefault());
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    openChecked(event.dataTransfer?.files[0]);
  });
  train.addEventListener('click', async () => {
    if (!dropped) return;
    train.disabled = true;
    try {
      await run(dropped, condition.value, Number(steps.value));
    } catch (error) {
      fail(error);
    } finally {
      train.disabled = false;
    }
  });

  async function run({ name, text }: Dropped, column: string, maxSteps: number): Promise<void> {
    const adapter = new TabularAdapter({ csvText: text, name, condition: [column], continuous: TABULAR_DEFAULTS.continuous });
    await adapter.load();
    const { spec, info } = adapter;
    const [latent, hidden] = [TABULAR_DEFAULTS.latent, [...TABULAR_DEFAULTS.hidden]];
    const model = new Cvae(parseModelConfig({ inputSize: spec.input.size, conditionSize: spec.condition.size, likelihood: spec.likelihood, latentSize: latent, encoderHidden: hidden, decoderHidden: hidden, prior: { kind: TABULAR_DEFAULTS.prior, components: TABULAR_DEFAULTS.priorComponents } }));
    const batchSize = 128;
    const epochs = Math.ceil(maxSteps / Math.ceil(adapter.size('train') / batchSize));
    const trainer = new Trainer(model, adapter, { epochs, batchSize, evaluate: false });
    chart.reset();
    const dropNote = info.droppedMissing > 0 ? `, ${info.droppedMissing} dropped for a missing value` : '';
    const started = performance.now();
    const msPerStep = () => ((performance.now() - started) / Math.max(1, chart.values.length)).toFixed(1);
    try {
      for await (const event of trainer.run()) {
        if (event.type !== 'batch') continue;
        chart.push(event.loss);
        say(`${info.rows} rows (${adapter.size('train')} train${dropNote}) | step ${chart.values.length}: loss ${event.loss.toFixed(2)} nats | ${msPerStep()} ms/step | ${backend.name}, ${backend.threads} thread(s)`);
        if (chart.values.length % 10 === 0) {
          chart.draw();
          await nextFrame();
        }
        if (chart.values.length >= maxSteps) break;
      }
    } finally {
      trainer.dispose();
    }
    chart.draw();
    chart.canvas.dataset.losses = JSON.stringify(chart.values.map((v) => Number(v.toFixed(3))));
    status.dataset.msPerStep = msPerStep();
    showSynthetic(model, adapter, column);
    model.dispose();
    status.dataset.done = 'true';
  }

  function showSynthetic(model: Cvae, adapter: TabularAdapter, column: string): void {
    const attribute = adapter.spec.condition.attributes?.find((a) => a.name === column);
    const values = attribute?.kind === 'categorical' ? attribute.classes : adapter.spec.condition.classNames;
    const names = adapter.encoder.schema.map((c) => c.name);
    const all: TabularRecord[] = [];
    const blocks = values.map((value, i) => {
      const c = repeatRows(conditionRow({ [column]: value }, adapter.spec.condition, adapter.spec.condition.size), SAVED_PER_VALUE);
      const rows = sampleRecords(model, adapter.encoder, c, i);
      all.push(...rows);
      const block = el('div', { class: 'synthetic-block' });
      block.append(el('h3', {}, `${column} = ${value}`), recordsTable(names, rows.slice(0, SHOWN_PER_VALUE), `csv-rows-${value}`));
      return block;
    });
    synthetic.replaceChildren(...blocks);
    synthetic.dataset.values = JSON.stringify(values);
    textDownloadLink(links, 'samples.csv', recordsCsv(all, names), 'text/csv', 'download-samples');
    say(`done: ${chart.values.length} steps (${status.dataset.msPerStep} ms/step, ${backend.name}, ${backend.threads} thread(s)); ${SAVED_PER_VALUE} synthetic rows per ${column} value in samples.csv (${SHOWN_PER_VALUE} shown)`);
  }
}
