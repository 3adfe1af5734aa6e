import { describeDatasetAdapter } from '@cvae/core/testing';
import { TOKENS, type DatasetAdapter } from '@cvae/core';
import { Container } from 'inversify';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vegaRecords } from '../../test/vega-data.js';
import { TabularAdapter } from './tabular-file-adapter.js';
import { tabularModule } from './tabular-module.js';

const penguins = vegaRecords('penguins.json');

// The same kit every adapter runs, on vega-datasets' penguins conditioned on the species.
describeDatasetAdapter(() => new TabularAdapter({ records: penguins, condition: ['Species'] }));

describe('TabularAdapter on cars', () => {
  it('leaves the identifier column (car names) out, reads Year as a date and keeps every encodable test row', async () => {
    const adapter = new TabularAdapter({ records: vegaRecords('cars.json'), condition: ['Origin'] });
    await adapter.load();
    expect(adapter.info.ignored).toEqual(['Name']);
    expect(adapter.info.schema.find((c) => c.name === 'Year')?.kind).toBe('datetime');
    expect(adapter.encoder.schema.map((c) => c.name)).not.toContain('Name');
    expect(adapter.info.droppedMissing).toBe(14); // rows lacking MPG or horsepower
    expect(adapter.size('test')).toBe(78); // 20% of 392; none is dropped for an unseen name any more
    expect(Object.keys(adapter.rows('test')[0])).toEqual(['Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration', 'Year', 'Origin']);
    await expect(new TabularAdapter({ records: vegaRecords('cars.json'), condition: ['Name'] }).load()).rejects.toThrow(
      /condition column "Name" looks like an identifier.*schema \{ "Name": "categorical" \}/,
    );
  });

  it('with mode-specific normalisation, encodes numbers by mode and decodes them back', async () => {
    const adapter = new TabularAdapter({ records: vegaRecords('cars.json'), condition: ['Origin'], continuous: 'modes' });
    await adapter.load();
    const weight = adapter.encoder.xColumns.find((e) => e.name === 'Weight_in_lbs');
    expect(weight && 'modes' in weight && weight.modes!.length).toBeGreaterThan(1);
    const groups = adapter.likelihoodGroups();
    expect(groups.filter((g) => g.kind === 'categorical').length).toBeGreaterThan(1); // mode one-hots
    expect(groups.reduce((n, g) => n + g.size, 0)).toBe(adapter.spec.input.size);
    const decoded = [];
    for await (const batch of adapter.batches('test', 32)) decoded.push(...adapter.decode(batch.x, batch.c));
    const real = adapter.rows('test');
    decoded.forEach((row, i) => {
      expect(row.Cylinders).toBe(real[i].Cylinders);
      expect(row.Weight_in_lbs).toBe(real[i].Weight_in_lbs);
      expect(row.Acceleration as number).toBeCloseTo(real[i].Acceleration as number, 3);
    });
  });

  it('holds out validation rows from training only: the test split is unchanged and the encoder never sees them', async () => {
    const records = vegaRecords('cars.json');
    const plain = new TabularAdapter({ records, condition: ['Origin'] });
    const held = new TabularAdapter({ records, condition: ['Origin'], validationFraction: 0.1 });
    await Promise.all([plain.load(), held.load()]);
    expect(plain.validationView()).toBeUndefined();
    const view = held.validationView()!;
    expect([held.size('train'), view.size('test'), held.size('test')]).toEqual([283, 31, 78]); // 314 training rows: 10% held out
    expect(held.rows('test')).toEqual(plain.rows('test'));
    const key = (r: object) => JSON.stringify(r);
    const [train, test] = [new Set(held.rows('train').map(key)), new Set(held.rows('test').map(key))];
    const validation: string[] = [];
    for await (const batch of view.batches('test', 8)) validation.push(...held.decode(batch.x, batch.c).map(key));
    expect(validation).toHaveLength(31);
    expect(new Set([...held.rows('train'), ...plain.rows('train')].map(key)).size).toBe(plain.size('train'));
    expect(validation.filter((r) => train.has(r) || test.has(r))).toEqual([]);
    // The encoder is fitted on the 283 rows: its mean weight differs from the one fitted on all 314.
    const standard = (validationFraction: number) => new TabularAdapter({ records, condition: ['Origin'], continuous: 'standard', validationFraction });
    const [s0, s1] = [standard(0), standard(0.1)];
    await Promise.all([s0.load(), s1.load()]);
    const weight = (a: TabularAdapter) => JSON.stringify(a.encoder.xColumns.find((e) => e.name === 'Weight_in_lbs'));
    expect(weight(s1)).not.toBe(weight(s0));
    await expect(new TabularAdapter({ records, condition: ['Origin'], validationFraction: 1 }).load()).rejects.toThrow(/validationFraction must be in \[0, 1\), got 1/);
  });

  it('gives a seeded subset of a split with its encoded conditions', async () => {
    const adapter = new TabularAdapter({ records: vegaRecords('cars.json'), condition: ['Origin'] });
    await adapter.load();
    const { rows, c } = adapter.subset('test', 10, 1);
    expect(rows).toHaveLength(10);
    expect(c).toHaveLength(10 * adapter.spec.condition.size);
    expect(adapter.subset('test', 10, 1).rows).toEqual(rows);
    expect(adapter.subset('test', 10, 2).rows).not.toEqual(rows);
    const classes = adapter.spec.condition.classNames;
    rows.forEach((row, i) => expect(classes[c.subarray(i * 3, i * 3 + 3).indexOf(1)]).toBe(row.Origin));
    expect(adapter.subset('test', 1000).rows).toEqual(adapter.rows('test'));
  });
});

describe('TabularAdapter on penguins', () => {
  it('drops incomplete rows, splits 80/20 by seed and describes x and c', async () => {
    const adapter = new TabularAdapter({ records: penguins, condition: ['Species'] });
    await adapter.load();
    expect(adapter.info.rows).toBe(344);
    expect(adapter.info.droppedMissing).toBe(10); // rows lacking a measurement or the sex
    expect(adapter.size('train') + adapter.size('test') + adapter.info.droppedUnseen).toBe(334);
    expect(adapter.size('test')).toBe(67);
    expect(adapter.spec).toMatchObject({
      input: { shape: [10], size: 10, kind: 'continuous' },
      likelihood: { kind: 'mixed', groups: adapter.likelihoodGroups() },
      condition: { kind: 'attributes', names: ['Species'], size: 3, classNames: ['Adelie', 'Chinstrap', 'Gentoo'] },
    });
    // Island (3 classes), four measurements (adjacent: one Gaussian group), Sex (FEMALE, MALE and one row's ".").
    expect(adapter.likelihoodGroups().map((g) => [g.kind, g.start, g.size])).toEqual([
      ['categorical', 0, 3],
      ['gaussian', 3, 4],
      ['categorical', 7, 3],
    ]);
  });

  it('fits the encoders on the training split only', async () => {
    const adapter = new TabularAdapter({ records: penguins, condition: ['Species'] });
    await adapter.load();
    const testRow = adapter.rows('test')[0];
    const index = penguins.findIndex((p) => JSON.stringify(Object.values(p)) === JSON.stringify(Object.values(testRow)));
    expect(index).toBeGreaterThanOrEqual(0);
    const changed = penguins.map((p, i) => (i === index ? { ...p, 'Body Mass (g)': 100_000, Island: 'Atlantis' } : p));
    const other = new TabularAdapter({ records: changed, condition: ['Species'] });
    await other.load();
    expect(other.encoder.toJSON()).toEqual(adapter.encoder.toJSON());
    expect(other.info.droppedUnseen).toBe(1); // its island is unknown to the training split

    const trainIndex = penguins.findIndex((p) => JSON.stringify(Object.values(p)) === JSON.stringify(Object.values(adapter.rows('train')[0])));
    const changedTrain = penguins.map((p, i) => (i === trainIndex ? { ...p, 'Body Mass (g)': 100_000 } : p));
    const third = new TabularAdapter({ records: changedTrain, condition: ['Species'] });
    await third.load();
    expect(third.encoder.toJSON()).not.toEqual(adapter.encoder.toJSON());
  });

  it('decodes its batches back to the split rows', async () => {
    const adapter = new TabularAdapter({ records: penguins, condition: ['Species', 'Sex'], missing: { Sex: 'category' }, seed: 3, testFraction: 0.1 });
    await adapter.load();
    const decoded = [];
    for await (const batch of adapter.batches('test', 16)) decoded.push(...adapter.decode(batch.x, batch.c));
    const real = adapter.rows('test');
    expect(decoded.map((r) => [r.Species, r.Sex, r.Island, r['Flipper Length (mm)']])).toEqual(
      real.map((r) => [r.Species, r.Sex, r.Island, r['Flipper Length (mm)']]),
    );
    expect(adapter.spec.condition.size).toBe(3 + 4); // Sex: ., FEMALE, MALE, (missing)
  });

  it('reads a CSV file and binds through tabularModule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvae-tabular-'));
    const csv = join(dir, 'cars.csv');
    const rows = ['make;mpg;cylinders;origin', ...Array.from({ length: 20 }, (_, i) => `"${i % 4 ? 'ford' : 'honda'}";${(20 + i / 3).toFixed(2)};${4 + (i % 3) * 2};${i % 2 ? 'USA' : 'Japan'}`)];
    writeFileSync(csv, rows.join('\n'));
    const container = new Container();
    container.load(tabularModule({ csv, delimiter: ';', condition: ['origin'], schema: { cylinders: 'categorical' } }));
    const adapter = container.get<DatasetAdapter>(TOKENS.Dataset) as TabularAdapter;
    await adapter.load();
    expect(adapter.spec.name).toBe('cars.csv');
    expect(adapter.encoder.schema.map((c) => c.kind)).toEqual(['categorical', 'continuous', 'categorical', 'categorical']);
  });

  it('names the file, line and column of a stray non-number in a numeric column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cvae-tabular-'));
    const csv = join(dir, 'hp.csv');
    const lines = ['origin,hp', ...Array.from({ length: 30 }, (_, i) => `${i % 2 ? 'USA' : 'Japan'},${90 + (i % 5)}`)];
    lines[12] = 'USA,?';
    writeFileSync(csv, lines.join('\n'));
    await expect(new TabularAdapter({ csv, condition: ['origin'] }).load()).rejects.toThrow(/hp\.csv line 13, column "hp": "\?" is not a number, but 29 of the column's 30 values are/);
    // With the kind declared, the cell is read as written: a category.
    const adapter = new TabularAdapter({ csv, condition: ['origin'], schema: { hp: 'categorical' } });
    await adapter.load();
    expect(adapter.encoder.schema.find((c) => c.name === 'hp')?.kind).toBe('categorical');
  });

  it('refuses to describe itself before load() and names bad options', async () => {
    const adapter = new TabularAdapter({ records: penguins, condition: ['Species'] });
    expect(() => adapter.spec).toThrow(/call load\(\) first/);
    expect(() => new TabularAdapter({ condition: ['x'] })).toThrow(/exactly one of csv/);
    await expect(new TabularAdapter({ records: penguins, condition: ['species'] }).load()).rejects.toThrow(/"species" is not a column/);
  });
});
