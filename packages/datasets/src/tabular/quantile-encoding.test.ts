import { seededRandom } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { AUTO_MISFIT, AUTO_SKEW, isCategoryEncoding, type NumericEncoding } from './column-encoder.js';
import { fitGaussianModes, mixtureMisfit } from './gaussian-modes.js';
import { skewness } from './quantile-normal.js';
import type { ColumnSchema } from './schema.js';
import { TabularEncoder } from './tabular-encoder.js';
import type { TabularRecord } from './values.js';

const schema: ColumnSchema[] = [
  { name: 'cost', kind: 'integer' },
  { name: 'speed', kind: 'continuous' },
  { name: 'size', kind: 'categorical' },
];
const random = seededRandom('quantile-encoding');
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
/** 98% zero costs with a long tail (as birdstrikes' costs), a normal speed, a label. */
const rows: TabularRecord[] = Array.from({ length: 2000 }, (_, i) => ({
  cost: random() < 0.98 ? 0 : Math.round(Math.exp(6 + 4 * random())),
  speed: Number((150 + 40 * normal()).toFixed(1)),
  size: ['Small', 'Medium', 'Large'][i % 3],
}));
const numeric = (encoder: TabularEncoder, name: string) => encoder.xColumns.find((e) => e.name === name) as NumericEncoding;

describe('--continuous auto / quantile', () => {
  const encoder = TabularEncoder.fit(schema, rows, { condition: ['size'], continuous: 'auto' });

  it('gives the point-mass column quantiles and keeps the normal column a mixture/z-score', () => {
    expect(numeric(encoder, 'cost').quantiles).toHaveLength(1000);
    expect(numeric(encoder, 'cost').modes).toBeUndefined();
    expect(numeric(encoder, 'speed').quantiles).toBeUndefined();
    expect(encoder.xSize).toBe(1 + 1); // one value slot each: a quantile column has no mode one-hot
  });

  it('gives a long-tailed column quantiles even where its mixture fits (as movies\' grosses)', () => {
    const gross = Array.from({ length: 2000 }, () => Math.round(Math.exp(16 + 1.5 * normal())));
    const grossSchema: ColumnSchema[] = [{ name: 'gross', kind: 'integer' }, { name: 'size', kind: 'categorical' }];
    const table = gross.map((g, i) => ({ gross: g, size: ['Small', 'Large'][i % 2] }));
    expect(mixtureMisfit(fitGaussianModes(gross), gross, 0.5)).toBeLessThan(AUTO_MISFIT); // not the misfit rule
    expect(skewness(gross)).toBeGreaterThan(AUTO_SKEW);
    const auto = TabularEncoder.fit(grossSchema, table, { condition: ['size'], continuous: 'auto' });
    expect(numeric(auto, 'gross').quantiles).toHaveLength(1000);
    const modes = TabularEncoder.fit(grossSchema, table, { condition: ['size'], continuous: 'modes' });
    expect(numeric(modes, 'gross').modes?.length).toBeGreaterThan(2); // the staircase of modes auto avoids
  });

  it('round-trips every training row exactly, through JSON (format 4)', () => {
    const json = JSON.parse(JSON.stringify(encoder));
    expect(json.formatVersion).toBe(4);
    const restored = TabularEncoder.fromJSON(json);
    const { x, c } = encoder.encode(rows);
    const decoded = restored.decode(x, c);
    decoded.forEach((row, i) => {
      expect(row.cost).toBe(rows[i].cost);
      expect(row.speed as number).toBeCloseTo(rows[i].speed as number, 1);
    });
  });

  it('decodes any score into the training range with the column\'s share of zeros', () => {
    const n = 4000;
    const x = new Float32Array(n * encoder.xSize);
    for (let i = 0; i < n; i++) x[i * encoder.xSize] = normal(); // the model's N(0, 1) marginal
    const costs = encoder.decode(x, new Float32Array(n * encoder.cSize)).map((r) => r.cost as number);
    const { min, max } = numeric(encoder, 'cost');
    expect(costs.every((v) => v >= min! && v <= max! && Number.isInteger(v))).toBe(true);
    const share = (vs: readonly unknown[]) => vs.filter((v) => v === 0).length / vs.length;
    expect(Math.abs(share(costs) - share(rows.map((r) => r.cost)))).toBeLessThan(0.01);
  });

  it('puts a missing cell at the median score and reads the missing indicator back as null', () => {
    const withGaps = TabularEncoder.fit(schema, [...rows, { cost: null, speed: 140, size: 'Small' }], { condition: ['size'], continuous: 'quantile', missing: 'category' });
    const { x, c } = withGaps.encode([{ cost: null, speed: 140, size: 'Small' }]);
    expect(x[0]).toBe(0);
    expect(x[1]).toBe(1);
    expect(withGaps.decode(x, c)[0].cost).toBeNull();
  });

  it('still reads a format-3 model file (no quantiles) and writes format 3 when no column has them', () => {
    const old = {
      format: 'cvae-tabular-encoder', formatVersion: 3, schema,
      x: [
        { name: 'cost', kind: 'integer', missing: 'drop', mean: 100, std: 10, min: 0, max: 500 },
        { name: 'speed', kind: 'continuous', missing: 'drop', mean: 150, std: 40, min: 10, max: 300, decimals: 1 },
      ],
      condition: [{ name: 'size', kind: 'categorical', missing: 'drop', categories: ['Large', 'Medium', 'Small'], mode: 'Small' }],
      spelling: {}, combinations: [],
    };
    const restored = TabularEncoder.fromJSON(old);
    const decoded = restored.decode(Float32Array.of(1.5, -0.5), Float32Array.of(0, 0, 1));
    expect(decoded[0]).toEqual({ cost: 115, speed: 130, size: 'Small' });
    expect(restored.toJSON().formatVersion).toBe(3);
    expect(restored.xColumns.every((e) => isCategoryEncoding(e) || e.quantiles === undefined)).toBe(true);
    expect(() => TabularEncoder.fromJSON({ ...old, formatVersion: 5 })).toThrow(/formatVersion 5 is not supported \(this version reads 1 to 4\)/);
  });
});
