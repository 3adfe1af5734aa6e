import '@tensorflow/tfjs-backend-cpu';
import { cpuBackend, Cvae, parseModelConfig, Trainer } from '@cvae/core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvRecords } from './read-csv.js';
import { recordsCsv } from './records-csv.js';
import { TabularAdapter } from './tabular-file-adapter.js';
import { tabularDescriptor } from './tabular-descriptor.js';

/**
 * Class labels a CSV may hold that a careless writer would break: delimiters, quotes, line breaks, a formula sign.
 * (Spaces around a category are trimmed when cells are typed, on purpose: "Male " is "Male".)
 */
const LABELS = ['a,b', 'say "hi"', 'two\nlines', '=SUM(A1)', 'crlf\r\nend', 'tab\tinside'];
let dir: string;

beforeAll(async () => {
  await cpuBackend().init();
  dir = await mkdtemp(join(tmpdir(), 'cvae-samples-csv-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('samples.csv of a trained table model', () => {
  it('holds the class labels exactly as the input had them (RFC 4180 quoting, no formula escaping)', async () => {
    const path = join(dir, 'labels.csv');
    const rows = Array.from({ length: 240 }, (_, i) => ({ x: (i % 17) / 17, y: ((i * 7) % 11) / 11, label: LABELS[i % LABELS.length] }));
    await writeFile(path, recordsCsv(rows, ['x', 'y', 'label']));
    const adapter = new TabularAdapter({ csv: path, condition: ['label'] });
    await adapter.load();
    const { spec } = adapter;
    const model = new Cvae(parseModelConfig({ inputSize: spec.input.size, conditionSize: spec.condition.size, latentSize: 2, encoderHidden: [8], decoderHidden: [8], likelihood: spec.likelihood }));
    const trainer = new Trainer(model, adapter, { epochs: 1, batchSize: 64, evaluate: false });
    for await (const event of trainer.run()) void event;
    const report = tabularDescriptor.report!(model, adapter, 0);
    const samples = join(dir, 'samples.csv');
    await writeFile(samples, report.files['samples.csv']);
    const labels = new Set((await readCsvRecords(samples)).map((r) => r.label));
    expect(labels).toEqual(new Set(LABELS));
    trainer.dispose();
    model.dispose();
  }, 60_000);
});
