// How much the choice of training subsample and the synthetic draw move the DCR share on a saved run: the privacy
// report (as in quality.json: synthetic rows for the training rows' conditions, training subsampled to the holdout's
// size) over PICKS training subsamples (seeds 0..PICKS-1) for each of DRAWS synthetic draws (seeds 1..DRAWS).
// One command: node bench/tabular/dcr-spread.mjs RUN_DIR [picks=10] [draws=3]
import { PRIVACY_ROWS, privacyReport, QUALITY_ROWS, synthesize } from '@cvae/datasets';
import { savedRun } from './saved-run.mjs';

const [runDir, picksText = '10', drawsText = '3'] = process.argv.slice(2);
const { model, adapter } = await savedRun(runDir);
const { encoder } = adapter;
const { rows: real } = adapter.subset('test', QUALITY_ROWS, 0);
const { rows: reference, c } = adapter.subset('train', QUALITY_ROWS, 0);
const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
const all = [];
for (let draw = 1; draw <= Number(drawsText); draw++) {
  const synthetic = synthesize(model, encoder, c, { seed: draw }).records.slice(0, PRIVACY_ROWS);
  const shares = [];
  for (let pick = 0; pick < Number(picksText); pick++) shares.push(privacyReport(synthetic, reference, real, encoder.schema, pick).dcrShare);
  all.push(...shares);
  console.log(`draw ${draw}: DCR share over ${shares.length} training subsamples: mean ${mean(shares).toFixed(3)}, ${Math.min(...shares).toFixed(3)}-${Math.max(...shares).toFixed(3)} (${shares.map((s) => s.toFixed(3)).join(' ')})`);
}
console.log(`${runDir}: mean ${mean(all).toFixed(3)} over ${all.length} (draw x subsample), ${Math.min(...all).toFixed(3)}-${Math.max(...all).toFixed(3)}`);
model.dispose();
