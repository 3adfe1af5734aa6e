// Prior holes, measured on a saved tabular run: the report's pair-trend progress, DCR share and utility (one draw,
// tabularSynthesis's protocol) for rows decoded from z ~ p(z|c) (the model's sampler), from z ~ q(z|x_i,c) of a random
// training row of the same condition (the aggregate posterior), and from a diagonal Gaussian mixture of K components
// (default 10) fitted by EM per condition to posterior draws of the training rows (ex-post density estimation,
// Ghosh et al. 2020). One command: K=20 node bench/tabular/prior-holes.mjs RUN_DIR SEED
import * as tf from '@tensorflow/tfjs-core';
import { sampleData, reparameterize, repeatRows } from '@cvae/core';
import { utilityReport, privacyReport, qualityReport } from '@cvae/datasets';
import { savedRun } from './saved-run.mjs';
const [runDir, seedText = '0'] = process.argv.slice(2);
const seed = Number(seedText);
const { model, adapter } = await savedRun(runDir);
const { encoder } = adapter;
const by = adapter.spec.condition.attributes.find((a) => a.kind === 'categorical').name;
const { rows: real, c: testC } = adapter.subset('test', 10_000, seed);
const { rows: reference, c: trainC } = adapter.subset('train', 10_000, seed);
const { x: trainX } = encoder.encode(reference);
const n = reference.length, cs = encoder.cSize, xs = encoder.xSize;
const key = (c, i) => Array.from(c.subarray(i * cs, (i + 1) * cs)).join(',');
const byClass = new Map();
for (let i = 0; i < n; i++) { const k = key(trainC, i); if (!byClass.has(k)) byClass.set(k, []); byClass.get(k).push(i); }
let state = 12345 + seed;
const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
const posteriorDraw = (c, s) => {
  const m = c.length / cs;
  const pick = Array.from({ length: m }, (_, i) => { const list = byClass.get(key(c, i)); return list[Math.floor(rand() * list.length)]; });
  const out = tf.tidy(() => {
    const x = tf.tensor2d(Float32Array.from(pick.flatMap((j) => Array.from(trainX.subarray(j * xs, (j + 1) * xs)))), [m, xs]);
    const ct = tf.tensor2d(c, [m, cs]);
    const q = model.encode(x, ct);
    const z = reparameterize(q.mu, q.logvar, tf.randomNormal(q.mu.shape, 0, 1, 'float32', s));
    return model.draw(z, ct, s + 99);
  });
  const v = out.dataSync(); out.dispose(); return v;
};
const priorDraw = (c, s) => sampleData(model, c, s);
// ex-post diagonal GMM per class on posterior draws (3 per training row), K components, EM
const K = Number(process.env.K ?? 10), L = model.config.latentSize;
const codes = tf.tidy(() => { const q = model.encode(tf.tensor2d(trainX, [n, xs]), tf.tensor2d(trainC, [n, cs])); return [0,1,2].map((r) => reparameterize(q.mu, q.logvar, tf.randomNormal(q.mu.shape, 0, 1, 'float32', 500 + r))).map((t) => t.arraySync()); });
const gmm = new Map();
for (const [k, list] of byClass) {
  const pts = codes.flatMap((rows) => list.map((i) => rows[i]));
  const m = pts.length, kk = Math.min(K, Math.floor(m / (2 * L)) || 1);
  let mu = Array.from({ length: kk }, () => pts[Math.floor(rand() * m)].slice()), va = Array.from({ length: kk }, () => Array(L).fill(1)), w = Array(kk).fill(1 / kk);
  const resp = Array.from({ length: m }, () => new Float64Array(kk));
  for (let it = 0; it < 100; it++) {
    for (let i = 0; i < m; i++) { let mx = -Infinity; for (let j = 0; j < kk; j++) { let l = Math.log(w[j]); for (let d = 0; d < L; d++) { const e = pts[i][d] - mu[j][d]; l -= 0.5 * (e * e / va[j][d] + Math.log(va[j][d])); } resp[i][j] = l; if (l > mx) mx = l; } let s = 0; for (let j = 0; j < kk; j++) { resp[i][j] = Math.exp(resp[i][j] - mx); s += resp[i][j]; } for (let j = 0; j < kk; j++) resp[i][j] /= s; }
    for (let j = 0; j < kk; j++) { let r = 1e-9; const nm = Array(L).fill(0), nv = Array(L).fill(0); for (let i = 0; i < m; i++) { r += resp[i][j]; for (let d = 0; d < L; d++) nm[d] += resp[i][j] * pts[i][d]; } for (let d = 0; d < L; d++) nm[d] /= r; for (let i = 0; i < m; i++) for (let d = 0; d < L; d++) { const e = pts[i][d] - nm[d]; nv[d] += resp[i][j] * e * e; } mu[j] = nm; va[j] = nv.map((v) => Math.max(v / r, 1e-3)); w[j] = r / m; }
  }
  gmm.set(k, { mu, va, w });
}
const gauss = () => { const u = rand() || 1e-12, v = rand(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v); };
const gmmDraw = (c, s) => {
  const m = c.length / cs; const z = new Float32Array(m * L);
  for (let i = 0; i < m; i++) { const g = gmm.get(key(c, i)); let u = rand(), j = 0; while (j < g.w.length - 1 && (u -= g.w[j]) > 0) j++; for (let d = 0; d < L; d++) z[i * L + d] = g.mu[j][d] + Math.sqrt(g.va[j][d]) * gauss(); }
  const out = tf.tidy(() => model.draw(tf.tensor2d(z, [m, L]), tf.tensor2d(c, [m, cs]), s + 99));
  const v = out.dataSync(); out.dispose(); return v;
};
for (const [label, draw] of [['prior', priorDraw], ['posterior', posteriorDraw], [`gmm${K}`, gmmDraw]]) {
  const conditions = repeatRows(testC, Math.ceil(2000 / real.length), testC.length);
  const synthetic = encoder.decode(draw(conditions, seed), conditions);
  const q = qualityReport(real, synthetic, encoder.schema, { by, seed, reference });
  const like = encoder.decode(draw(trainC, seed + 1), trainC);
  const p = privacyReport(like.slice(0, 2000), reference, real, encoder.schema, seed);
  const u = utilityReport(reference, like, real, encoder.schema, by);
  console.log(`${runDir} ${label}: progress ${(q.pairTrendsProgress * 100).toFixed(1)}% overall ${q.overall.toFixed(3)} DCR ${p.dcrShare.toFixed(3)} copies ${p.exactCopies?.synthetic ?? JSON.stringify(p.exactCopies)} ` + u.scores.map((s) => `${s.model} ${(s.synthetic * 100).toFixed(1)}/${(s.real * 100).toFixed(1)}`).join(' · '));
}
