import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { cpuBackend, Cvae, encodeCondition, parseModelConfig, repeatRows, Trainer } from '@cvae/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { vegaRecords } from '../../test/vega-data.js';
import { parseGiven } from './given.js';
import { synthesize } from './synthesize.js';
import { TabularAdapter } from './tabular-file-adapter.js';

let adapter: TabularAdapter;
let model: Cvae;

beforeAll(async () => {
  await cpuBackend().init();
  adapter = new TabularAdapter({ records: vegaRecords('penguins.json'), condition: ['Species'], missing: { Sex: 'category' }, combinations: [['Species', 'Island']] });
  await adapter.load();
  const { spec } = adapter;
  model = new Cvae(parseModelConfig({ inputSize: spec.input.size, conditionSize: spec.condition.size, latentSize: 4, encoderHidden: [32], decoderHidden: [32], likelihood: spec.likelihood }));
  const trainer = new Trainer(model, adapter, { epochs: 60, batchSize: 64, learningRate: 3e-3, evaluate: false });
  for await (const event of trainer.run()) void event;
  trainer.dispose();
});

const gentoo = (n: number) => repeatRows(encodeCondition(adapter.spec.condition.attributes!, { Species: 'Gentoo' }), n);
const adelie = (n: number) => repeatRows(encodeCondition(adapter.spec.condition.attributes!, { Species: 'Adelie' }), n);

describe('synthesize with --given (completion, no rejection)', () => {
  it('honours a categorical given on every row, even one the condition makes rare, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    // Adelie live on all three islands; fixing Dream is a request about a generated column.
    const { records, honoured, acceptance } = synthesize(model, adapter.encoder, adelie(150), { given: parseGiven('Island=Dream', adapter.encoder), seed: 2, iterations: 30 });
    expect(tf.memory().numTensors).toBe(before);
    expect(honoured).toBe(1);
    expect(records.every((r) => r.Island === 'Dream' && r.Species === 'Adelie')).toBe(true);
    expect(acceptance).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r['Body Mass (g)'])).size).toBeGreaterThan(20); // other columns still vary
  });

  it('honours a number range and a missing cell, within the stated tolerance', () => {
    const given = parseGiven('Flipper Length (mm)=215..220,Sex=missing', adapter.encoder);
    const { records, honoured } = synthesize(model, adapter.encoder, gentoo(100), { given, seed: 3, iterations: 30 });
    expect(honoured).toBe(1);
    for (const r of records) {
      expect(r.Sex).toBeNull();
      expect(r['Flipper Length (mm)']).toBeGreaterThanOrEqual(214.5);
      expect(r['Flipper Length (mm)']).toBeLessThanOrEqual(220.5);
    }
  });

  it('refuses bad values naming the column and what it takes', () => {
    const e = adapter.encoder;
    expect(() => parseGiven('Island=Atlantis', e)).toThrow(/column "Island" takes one of Biscoe, Dream, Torgersen/);
    expect(() => parseGiven('Flipper Length (mm)=900', e)).toThrow(/outside column "Flipper Length \(mm\)"'s values; it takes a number or lo\.\.hi within the training range 17\d\.\.23\d/);
    expect(() => parseGiven('Flipper Length (mm)=big', e)).toThrow(/column "Flipper Length \(mm\)" takes a number/);
    expect(() => parseGiven('Species=Gentoo', e)).toThrow(/"Species" is a condition column: give it with --condition Species=VALUE/);
    expect(() => parseGiven('Beak=1', e)).toThrow(/"Beak" is not a generated column; they are Island, /);
    expect(() => parseGiven('Body Mass (g)=missing', e)).toThrow(/column "Body Mass \(g\)" was trained without missing values/);
  });
});

describe('constraints', () => {
  it('keeps numbers in the training range and only seen Species+Island combinations; reports adherence before and after', () => {
    const { records, adherence } = synthesize(model, adapter.encoder, gentoo(300), { seed: 4 });
    // Gentoo live only on Biscoe in the training data.
    expect(records.every((r) => r.Island === 'Biscoe')).toBe(true);
    expect(adherence.final).toEqual({ ranges: 1, conditionRanges: 1, combinations: 1, predicate: 1 });
    expect(adherence.checked.combinations).toEqual(['Species+Island']);
    // Every number inside Gentoo's own (widened) training range, which the model alone does not always keep.
    expect(adherence.checked.conditionRanges).toEqual({ by: ['Species'], values: 3, columns: ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'] });
    const own = adapter.encoder.conditionRanges!.byValue['["Gentoo"]'];
    for (const r of records) {
      for (const [name, [lo, hi]] of Object.entries(own)) expect(Number(r[name]) >= lo && Number(r[name]) <= hi, `${name} ${r[name]} in ${lo}..${hi}`).toBe(true);
    }
    expect(adherence.drawn.conditionRanges).toBeLessThan(1);
    const mass = adherence.checked.ranges['Body Mass (g)'];
    for (const r of records) expect(r['Body Mass (g)']).toBeGreaterThanOrEqual(mass[0]);
    expect(adherence.drawn.ranges).toBeLessThanOrEqual(1);
  });

  it('applies a library transform and redraws rows failing a predicate', () => {
    const { records, adherence } = synthesize(model, adapter.encoder, gentoo(200), {
      seed: 5,
      constraints: { ranges: { 'Body Mass (g)': [4000, 5500] }, transform: (row) => ({ ...row, Sex: row.Sex ?? 'FEMALE' }), predicate: (row) => Number(row['Flipper Length (mm)']) >= 210 },
    });
    expect(records.every((r) => r.Sex !== null)).toBe(true);
    expect(records.every((r) => Number(r['Body Mass (g)']) >= 4000 && Number(r['Body Mass (g)']) <= 5500)).toBe(true);
    expect(adherence.final.predicate).toBeGreaterThan(adherence.drawn.predicate);
  });
});
