// The report `cvae train` writes after training (quality, constraints, privacy, utility), computed again from a saved
// run with the current code, e.g. after a change to how the report measures; writes RUN_DIR/quality-rescored.json and
// prints progress, DCR share (per subsample) and utility. One command: node bench/tabular/rescore.mjs RUN_DIR [...]
// (RESCORED=name.json writes that file instead.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tabularSynthesis } from '@cvae/datasets';
import { savedRun } from './saved-run.mjs';

const pct = (v) => (100 * v).toFixed(1);
for (const runDir of process.argv.slice(2)) {
  const { model, adapter } = await savedRun(runDir);
  const seed = JSON.parse(readFileSync(join(runDir, 'model', 'model.json'), 'utf8')).training.seed;
  const { report } = tabularSynthesis(model, adapter, seed);
  writeFileSync(join(runDir, process.env.RESCORED ?? 'quality-rescored.json'), `${JSON.stringify(report, null, 2)}\n`);
  const { privacy: p, utility: u } = report;
  console.log(`${runDir}: progress ${pct(report.pairTrendsProgress)}% · overall ${report.overall.toFixed(3)} · per-value ranges as drawn ${pct(report.constraints.drawn.conditionRanges ?? 1)}% · DCR ${p.dcrShare.toFixed(3)} (${p.dcrShares.map((s) => s.toFixed(3)).join(' ')}; ${p.rows.synthetic} rows) · copies ${p.exactCopies.synthetic} · ${u ? u.scores.map((s) => `${s.model} ${pct(s.synthetic)}/${pct(s.real)} (gap ${pct(s.gap.value)}, 95% ${pct(s.gap.low)}..${pct(s.gap.high)})`).join(' ') : '-'}`);
  model.dispose();
}
