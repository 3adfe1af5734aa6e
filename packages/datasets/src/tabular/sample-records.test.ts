import '@tensorflow/tfjs-backend-cpu';
import { cpuBackend, Cvae, encodeCondition, parseModelConfig, Trainer } from '@cvae/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaRecords } from '../../test/vega-data.js';
import { sampleRecords } from './sample-records.js';
import { TabularAdapter } from './tabular-file-adapter.js';

beforeAll(async () => {
  await cpuBackend().init();
});

describe('sampleRecords', () => {
  it('draws typed records of the requested condition from a trained tabular CVAE, reproducibly', async () => {
    const adapter = new TabularAdapter({ records: vegaRecords('penguins.json'), condition: ['Species'] });
    await adapter.load();
    const { spec } = adapter;
    const model = new Cvae(
      parseModelConfig({ inputSize: spec.input.size, conditionSize: spec.condition.size, latentSize: 4, encoderHidden: [32], decoderHidden: [32], likelihood: spec.likelihood }),
    );
    const trainer = new Trainer(model, adapter, { epochs: 80, batchSize: 64, learningRate: 3e-3, evaluate: false });
    for await (const event of trainer.run()) void event;
    const repeated = (species: string) => {
      const c = encodeCondition(spec.condition.attributes!, { Species: species });
      const conditions = new Float32Array(200 * c.length);
      for (let i = 0; i < 200; i++) conditions.set(c, i * c.length);
      return conditions;
    };
    const conditions = repeated('Gentoo');
    const rows = sampleRecords(model, adapter.encoder, conditions, 3);
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.Species))).toEqual(new Set(['Gentoo']));
    expect(Object.keys(rows[0])).toEqual(Object.keys(adapter.rows('train')[0]));
    // Gentoo penguins are the heavy ones (real means ~5076 g vs ~3700 g for Adelie). A model that
    // ignored the condition would give the same mean for both; this small one reaches ~500 g apart.
    const meanMass = (records: typeof rows) => {
      const masses = records.map((r) => r['Body Mass (g)']).filter((m): m is number => typeof m === 'number');
      return masses.reduce((a, b) => a + b, 0) / masses.length;
    };
    expect(meanMass(rows) - meanMass(sampleRecords(model, adapter.encoder, repeated('Adelie'), 3))).toBeGreaterThan(300);
    expect(sampleRecords(model, adapter.encoder, conditions, 3)).toEqual(rows);
    trainer.dispose();
    model.dispose();
  });
});
