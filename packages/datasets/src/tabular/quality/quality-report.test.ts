import { describe, expect, it } from 'vitest';
import { vegaRecords } from '../../../test/vega-data.js';
import { fromJsonRecords } from '../json-records.js';
import { inferSchema, type ColumnSchema } from '../schema.js';
import { typedRows } from '../typed-rows.js';
import type { TabularRecord } from '../values.js';
import { independentDraws } from './baselines.js';
import { qualityScores } from './column-scores.js';
import { qualityReport } from './quality-report.js';

const tiny: ColumnSchema[] = [
  { name: 'a', kind: 'continuous' },
  { name: 'b', kind: 'continuous' },
  { name: 'k', kind: 'categorical' },
];

describe('qualityScores on tiny tables', () => {
  const real: TabularRecord[] = [
    { a: 1, b: 1, k: 'x' },
    { a: 2, b: 2, k: 'x' },
    { a: 3, b: 3, k: 'y' },
    { a: 4, b: 4, k: 'y' },
  ];

  it('scores a copy 1 everywhere', () => {
    const s = qualityScores(real, real, tiny);
    expect([s.columnShapes, s.columnPairTrends, s.overall]).toEqual([1, 1, 1]);
  });

  it('computes each score by hand', () => {
    const synthetic: TabularRecord[] = [
      { a: 1, b: 4, k: 'x' },
      { a: 2, b: 3, k: 'y' },
      { a: 3, b: 2, k: 'y' },
      { a: 4, b: 1, k: 'y' },
    ];
    const s = qualityScores(real, synthetic, tiny);
    expect(s.columns.map((c) => c.score)).toEqual([1, 1, 0.75]); // k: TV 0.25
    const pair = (x: string, y: string) => s.pairs.find((p) => p.columns[0] === x && p.columns[1] === y)!.score;
    expect(pair('a', 'b')).toBeCloseTo(0, 12); // r = 1 vs -1
    // a in bins {1},{2},{3},{4} (5 quantile bins of 4 values), joint with k: real x,x,y,y; synthetic x,y,y,y: TV 0.25.
    expect(pair('a', 'k')).toBeCloseTo(0.75, 12);
    expect(s.columnShapes).toBeCloseTo(2.75 / 3, 12);
    expect(s.overall).toBeCloseTo((s.columnShapes + s.columnPairTrends) / 2, 12);
  });
});

describe('qualityReport on penguins', () => {
  const records = fromJsonRecords(vegaRecords('penguins.json'));
  const schema = inferSchema(records);
  const { rows } = typedRows(records, schema);

  it('ranks resampled real rows above independent draws on pair trends, and places a model between', () => {
    const synthetic = independentDraws(rows, rows.length, 7); // a "model" that ignores every relation
    const report = qualityReport(rows, synthetic, schema, { by: 'Species', seed: 1 });
    const { independent, resampled } = report.baselines;
    expect(resampled.columnPairTrends).toBeGreaterThan(independent.columnPairTrends + 0.1);
    expect(resampled.columnShapes).toBeGreaterThan(0.9);
    expect(independent.columnShapes).toBeGreaterThan(0.9);
    expect(report.columnPairTrends).toBeLessThan(resampled.columnPairTrends);
    expect(report.summary).toMatch(/Column-pair trends 0\.\d{3}/);
    expect(report.by?.groups.map((g) => g.value)).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(report.by?.groups[0].scores.columns.map((c) => c.column)).not.toContain('Species');
    // Independent draws sit at the floor: progress near 0, overall and in every species.
    expect(Math.abs(report.pairTrendsProgress)).toBeLessThan(0.25);
    for (const group of report.by!.groups) {
      const g = group.scores;
      expect(g.baselines.resampled.columnPairTrends).toBeGreaterThan(g.baselines.independent.columnPairTrends);
      expect(g.pairTrendsProgress).toBeCloseTo((g.columnPairTrends - g.baselines.independent.columnPairTrends) / (g.baselines.resampled.columnPairTrends - g.baselines.independent.columnPairTrends), 12);
    }
  });

  it('puts resampled real rows near the ceiling, in every group too', () => {
    const report = qualityReport(rows, rows, schema, { by: 'Species', seed: 1 });
    expect(report.pairTrendsProgress).toBeGreaterThan(0.9);
    for (const group of report.by!.groups) expect(group.scores.pairTrendsProgress).toBeGreaterThan(0.8);
  });

  it('draws the baselines from reference rows when given: held-out rows then score below the in-sample ceiling', () => {
    const [train, test] = [rows.filter((_, i) => i % 4 !== 0), rows.filter((_, i) => i % 4 === 0)];
    const inSample = qualityReport(test, test, schema, { seed: 1 });
    const heldOut = qualityReport(test, test, schema, { seed: 1, reference: train });
    // The same synthetic rows; only the baselines moved: resampled training rows are a fresh sample.
    expect(heldOut.columnPairTrends).toBe(inSample.columnPairTrends);
    expect(heldOut.baselines.resampled.columnPairTrends).toBeLessThan(inSample.baselines.resampled.columnPairTrends);
    expect(heldOut.by).toBeUndefined();
    expect(() => qualityReport(test, test, schema, { reference: [] })).toThrow(/reference rows .* are empty/);
  });

  it('averages draws: each block scored on its own, each baseline drawn as often at the block size', () => {
    const [train, test] = [rows.filter((_, i) => i % 4 !== 0), rows.filter((_, i) => i % 4 === 0)];
    const blocks = [3, 4, 5].map((s) => independentDraws(train, test.length, s));
    const averaged = qualityReport(test, blocks.flat(), schema, { seed: 2, reference: train, draws: 3, by: 'Species' });
    const single = blocks.map((block, d) => qualityReport(test, block, schema, { seed: 2 + d, reference: train }));
    const mean = (pick: (r: (typeof single)[number]) => number) => single.reduce((s, r) => s + pick(r), 0) / 3;
    expect(averaged.draws).toBe(3);
    expect(averaged.rows.synthetic).toBe(test.length);
    expect(averaged.columnPairTrends).toBeCloseTo(mean((r) => r.columnPairTrends), 12);
    expect(averaged.columnShapes).toBeCloseTo(mean((r) => r.columnShapes), 12);
    expect(averaged.baselines.resampled.columnPairTrends).toBeCloseTo(mean((r) => r.baselines.resampled.columnPairTrends), 12);
    expect(averaged.baselines.independent.pairs[0].score).toBeCloseTo(mean((r) => r.baselines.independent.pairs[0].score), 12);
    // The three draws differ, so the mean is not any one of them.
    expect(new Set(single.map((r) => r.baselines.resampled.columnPairTrends)).size).toBe(3);
    expect(averaged.by?.groups).toHaveLength(3);
    expect(() => qualityReport(test, blocks.flat().slice(1), schema, { draws: 3 })).toThrow(/draws must be a positive integer dividing the \d+ synthetic rows/);
  });

  it('refuses an unknown by column and empty tables', () => {
    expect(() => qualityReport(rows, rows, schema, { by: 'species' })).toThrow(/"by" column "species" is not in the schema/);
    expect(() => qualityReport(rows, [], schema)).toThrow(/needs real and synthetic rows/);
  });
});
