import { describe, expect, it } from 'vitest';
import type { TabularReport } from '../tabular-synthesis.js';
import { tabularReportLines } from './report-lines.js';

/** A report with distinct figures everywhere, so a line that prints the wrong field shows. */
function report(overrides: Partial<Record<'draws' | 'dcrShares' | 'utilityDraws' | 'utility' | 'progress', unknown>> = {}): TabularReport {
  const dcrShares = (overrides.dcrShares as number[] | undefined) ?? [0.51, 0.47, 0.55];
  const group = (value: string, progress: number) => ({ value, scores: { overall: 0.811, columnPairTrends: 0.733, pairTrendsProgress: progress } });
  const base = {
    overall: 0.9123,
    columnShapes: 0.9456,
    columnPairTrends: 0.8789,
    summary: 'Column-pair trends 0.879: 80% of the way.',
    draws: overrides.draws ?? 5,
    rows: { real: 68, synthetic: 2040 },
    by: { column: 'Species', groups: [group('Adelie', 0.616), group('Gentoo', (overrides.progress as number | undefined) ?? 0.4)] },
    constraints: {
      rows: 2040,
      drawn: { ranges: 0.99, conditionRanges: 0.951, combinations: 0.98, predicate: 1 },
      final: { ranges: 1, conditionRanges: 1, combinations: 1, predicate: 1 },
      checked: { ranges: { 'Body Mass (g)': [2700, 6300] }, combinations: ['Species+Island'], conditionRanges: { by: ['Species'], values: 3, columns: ['Body Mass (g)'] } },
    },
    privacy: {
      distance: 'gower',
      rows: { synthetic: 2000, training: 274, holdout: 68 },
      dcrShare: dcrShares.reduce((a, b) => a + b, 0) / dcrShares.length,
      dcrShares,
      medianDcr: { synthetic: 0.0312, holdout: 0.0287 },
      medianNndr: { synthetic: 0.7977, holdout: 0.8124 },
      exactCopies: { synthetic: 1, syntheticShare: 0.0005, holdout: 3, holdoutShare: 0.0015 },
    },
    utility:
      overrides.utility === 'none'
        ? undefined
        : {
            target: 'Species',
            majority: 0.4412,
            draws: (overrides.utilityDraws as number | undefined) ?? 5,
            rows: { real: 274, synthetic: 274, test: 68 },
            scores: [
              { model: 'logistic-regression', real: 1, synthetic: 0.9971, balanced: { real: 1, synthetic: 0.99 }, gap: { value: 0.0029, low: -0.0147, high: 0.0294 } },
              { model: 'random-forest', real: 0.8741, synthetic: 0.9147, balanced: { real: 0.8, synthetic: 0.85 }, gap: { value: -0.0406, low: -0.1029, high: 0.0221 } },
            ],
          },
  };
  return base as unknown as TabularReport;
}

describe('tabularReportLines', () => {
  it('prints every figure of the report in its line, rounded as stated', () => {
    const lines = tabularReportLines(report());
    expect(lines[0]).toBe(
      '[cvae] quality: overall 0.912 (column shapes 0.946, pair trends 0.879). Column-pair trends 0.879: 80% of the way. Each score is the mean over 5 synthetic draws of 2040 rows (each baseline likewise).',
    );
    expect(lines[1]).toBe('[cvae] quality for Species = Adelie: overall 0.811, pair trends 0.733 (62% of the way from independent draws to resampled rows)');
    expect(lines[2]).toContain('= Gentoo');
    expect(lines[3]).toBe('[cvae] constraints: ranges of 1 column 100.0% (model alone 99.0%); ranges per Species value (3 values) 100.0% (model alone 95.1%); combinations Species+Island 100.0% (model alone 98.0%) over 2040 rows');
    const privacy = lines[4];
    expect(privacy).toContain('2000 synthetic rows vs 274 training and 68 holdout rows');
    expect(privacy).toContain('DCR share 0.510 (share closer to training than to holdout; 0.5 ideal; mean over 3 training subsamples, 0.470-0.550)');
    expect(privacy).toContain('median DCR 0.031 (holdout 0.029), median NNDR 0.798 (holdout 0.812)');
    expect(privacy).toContain('exact copies of training rows 1 = 0.1% (holdout by chance 3 = 0.1%)');
    expect(lines[5]).toBe(
      '[cvae] utility (predict Species on 68 real test rows; majority class 44.1%; each the mean over 5 synthetic sets and forest seeds): logistic-regression 99.7% trained on synthetic vs 100.0% on real (0.3 points apart; 95% interval over the test rows -1.5 to 2.9), random-forest 91.5% trained on synthetic vs 87.4% on real (-4.1 points apart; 95% interval over the test rows -10.3 to 2.2)',
    );
    expect(lines).toHaveLength(6);
  });

  it('leaves out what a single draw, subsample or set does not have, and the utility line without a target', () => {
    const lines = tabularReportLines(report({ draws: 1, dcrShares: [0.52], utilityDraws: 1, utility: 'none' }));
    expect(lines[0]).not.toContain('mean over');
    expect(lines[4]).toContain('DCR share 0.520 (share closer to training than to holdout; 0.5 ideal)');
    expect(lines.some((l) => l.includes('utility'))).toBe(false);
    const oneSet = tabularReportLines(report({ utilityDraws: 1 }));
    expect(oneSet[5]).toContain('(predict Species on 68 real test rows; majority class 44.1%): ');
  });

  it('says the baselines do not differ where progress is undefined', () => {
    const lines = tabularReportLines(report({ progress: Number.NaN }));
    expect(lines[2]).toBe('[cvae] quality for Species = Gentoo: overall 0.811, pair trends 0.733 (baselines do not differ)');
  });
});
