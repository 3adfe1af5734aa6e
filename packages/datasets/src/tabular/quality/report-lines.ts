import { adherenceLine } from '../constraints-report.js';
import type { TabularReport } from '../tabular-synthesis.js';

const f3 = (v: number) => v.toFixed(3);
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * The lines `cvae train` and `cvae report` print for a table: quality overall and per condition
 * value, constraint adherence, privacy (DCR) and utility (train on synthetic, test on real).
 *
 * @example
 * ```ts
 * for (const line of tabularReportLines(report)) console.log(line);
 * ```
 */
export function tabularReportLines(report: TabularReport): string[] {
  const averaged = report.draws > 1 ? ` Each score is the mean over ${report.draws} synthetic draws of ${report.rows.synthetic} rows (each baseline likewise).` : '';
  const lines = [`[cvae] quality: overall ${f3(report.overall)} (column shapes ${f3(report.columnShapes)}, pair trends ${f3(report.columnPairTrends)}). ${report.summary}${averaged}`];
  for (const group of report.by?.groups ?? []) {
    const { overall, columnPairTrends, pairTrendsProgress } = group.scores;
    const progress = Number.isNaN(pairTrendsProgress) ? 'baselines do not differ' : `${Math.round(pairTrendsProgress * 100)}% of the way from independent draws to resampled rows`;
    lines.push(`[cvae] quality for ${report.by?.column} = ${group.value}: overall ${f3(overall)}, pair trends ${f3(columnPairTrends)} (${progress})`);
  }
  lines.push(adherenceLine(report.constraints));
  const p = report.privacy;
  lines.push(
    `[cvae] privacy (Gower distance, ${p.rows.synthetic} synthetic rows vs ${p.rows.training} training and ${p.rows.holdout} holdout rows): DCR share ${f3(p.dcrShare)} ` +
      `(share closer to training than to holdout; 0.5 ideal${p.dcrShares.length > 1 ? `; mean over ${p.dcrShares.length} training subsamples, ${f3(Math.min(...p.dcrShares))}-${f3(Math.max(...p.dcrShares))}` : ''}), median DCR ${f3(p.medianDcr.synthetic)} (holdout ${f3(p.medianDcr.holdout)}), ` +
      `median NNDR ${f3(p.medianNndr.synthetic)} (holdout ${f3(p.medianNndr.holdout)}), exact copies of training rows ${p.exactCopies.synthetic} = ${pct(p.exactCopies.syntheticShare)} ` +
      `(holdout by chance ${p.exactCopies.holdout} = ${pct(p.exactCopies.holdoutShare)})`,
  );
  const u = report.utility;
  if (u !== undefined) {
    const points = (v: number) => (v * 100).toFixed(1);
    const scores = u.scores
      .map((s) => `${s.model} ${pct(s.synthetic)} trained on synthetic vs ${pct(s.real)} on real (${points(s.gap.value)} points apart; 95% interval over the test rows ${points(s.gap.low)} to ${points(s.gap.high)})`)
      .join(', ');
    lines.push(`[cvae] utility (predict ${u.target} on ${u.rows.test} real test rows; majority class ${pct(u.majority)}${u.draws > 1 ? `; each the mean over ${u.draws} synthetic sets and forest seeds` : ''}): ${scores}`);
  }
  return lines;
}
