// How much one synthetic draw and one baseline draw move pair-trend progress on a saved run: the model's pair-trend
// score over DRAWS synthetic draws (seeds 0..DRAWS-1, each the size of the report's draw) and both baselines over
// BASELINES draws (seeds 0..BASELINES-1), with their spread and the progress per draw and of the means.
// One command: node bench/tabular/draw-spread.mjs RUN_DIR [draws=5] [baselines=10]
import { repeatRows } from '@cvae/core';
import { MIN_SYNTHETIC_ROWS, qualityReport, synthesize } from '@cvae/datasets';
import { savedRun } from './saved-run.mjs';
const [runDir, drawsText = '5', baseText = '10'] = process.argv.slice(2);
const { model, adapter } = await savedRun(runDir);
const { encoder } = adapter;
const { rows: real, c: testC } = adapter.subset('test', 10_000, 0);
const { rows: reference } = adapter.subset('train', 10_000, 0);
const conditions = repeatRows(testC, Math.ceil(MIN_SYNTHETIC_ROWS / real.length), testC.length);
const modelScores = [], indep = [], resam = [];
for (let s = 0; s < Number(baseText); s++) {
  const synthetic = s < Number(drawsText) ? synthesize(model, encoder, conditions, { seed: s }).records : real;
  const q = qualityReport(real, synthetic, encoder.schema, { seed: s, reference });
  if (s < Number(drawsText)) modelScores.push(q.columnPairTrends);
  indep.push(q.baselines.independent.columnPairTrends); resam.push(q.baselines.resampled.columnPairTrends);
}
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const sd = (a) => Math.sqrt(a.reduce((x, y) => x + (y - mean(a)) ** 2, 0) / (a.length - 1));
const [m, lo, hi] = [mean(modelScores), mean(indep), mean(resam)];
console.log(`${runDir}: model ${m.toFixed(4)} (sd ${sd(modelScores).toFixed(4)}, ${modelScores.map((v) => v.toFixed(4)).join(' ')}) indep ${lo.toFixed(4)} (sd ${sd(indep).toFixed(4)}) resampled ${hi.toFixed(4)} (sd ${sd(resam).toFixed(4)}, ${resam.map((v) => v.toFixed(4)).join(' ')}) progress ${(100 * (m - lo) / (hi - lo)).toFixed(1)}%; per draw: ${modelScores.map((v, i) => (100 * (v - indep[i]) / (resam[i] - indep[i])).toFixed(0)).join(' ')}`);
model.dispose();
