import '@tensorflow/tfjs-backend-cpu';
import { cpuBackend, Cvae, parseModelConfig, Trainer } from '@cvae/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaRecords } from '../../../test/vega-data.js';
import { sampleRecords } from '../sample-records.js';
import { TabularAdapter } from '../tabular-file-adapter.js';
import { qualityReport } from './quality-report.js';

beforeAll(async () => {
  await cpuBackend().init();
});

// Real data end to end: vega-datasets' cars (mixed kinds, missing values, an identifier column)
// → train a small CVAE → synthesise rows for the test conditions → score them against the test rows.
describe('tabular synthesis on cars', () => {
  it('scores between the two baselines on pair trends, overall and for each origin', async () => {
    const adapter = new TabularAdapter({ records: vegaRecords('cars.json'), condition: ['Origin'], continuous: 'modes' });
    await adapter.load();
    const { spec } = adapter;
    const model = new Cvae(
      parseModelConfig({
        inputSize: spec.input.size, conditionSize: spec.condition.size, latentSize: 8, encoderHidden: [64], decoderHidden: [64],
        likelihood: adapter.spec.likelihood, prior: { kind: 'learned', hidden: [] },
      }),
    );
    const trainer = new Trainer(model, adapter, { epochs: 100, batchSize: 64, learningRate: 3e-3, evaluate: false });
    for await (const event of trainer.run()) void event;
    const { rows: real, c } = adapter.subset('test', 10_000);
    const conditions = new Float32Array(c.length * 10);
    for (let r = 0; r < 10; r++) conditions.set(c, r * c.length);
    const synthetic = sampleRecords(model, adapter.encoder, conditions, 0);
    const report = qualityReport(real, synthetic, adapter.encoder.schema, { by: 'Origin', reference: adapter.rows('train') });
    trainer.dispose();
    model.dispose();
    expect(report.overall).toBeGreaterThan(0.8);
    expect(report.pairTrendsProgress).toBeGreaterThan(0.3);
    for (const group of report.by!.groups) expect(group.scores.pairTrendsProgress, group.value).toBeGreaterThan(0.2);
    console.log(`cars quality: overall ${report.overall.toFixed(3)}, pair-trend progress ${report.pairTrendsProgress.toFixed(2)}; ${report.by!.groups.map((g) => `${g.value} ${g.scores.pairTrendsProgress.toFixed(2)}`).join(', ')}`);
  });
});
