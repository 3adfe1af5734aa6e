// How much of a table's train-on-synthetic gap is the draw and how much the model: the utility report (as in
// quality.json: logistic regression and random forest on the condition column, tested on the real test rows) for
// DRAWS synthetic sets of the training rows' conditions (seeds 1..DRAWS, as quality.json's seed + 1), each the size
// of the real training set and TIMES that size; prints mean, min, max of accuracy and balanced accuracy, and the
// class counts. One command: node bench/tabular/utility-spread.mjs RUN_DIR [draws=10] [times=5]
import { repeatRows } from '@cvae/core';
import { synthesize, utilityReport } from '@cvae/datasets';
import { savedRun } from './saved-run.mjs';

const [runDir, drawsText = '10', timesText = '5'] = process.argv.slice(2);
const [draws, times] = [Number(drawsText), Number(timesText)];
const { model, adapter } = await savedRun(runDir);
const { encoder } = adapter;
const target = adapter.spec.condition.attributes.find((a) => a.kind === 'categorical').name;
const { rows: train, c } = adapter.subset('train', 10_000, 0);
const test = adapter.rows('test');
const count = (rows) => Object.fromEntries([...new Set(rows.map((r) => String(r[target])))].sort().map((k) => [k, rows.filter((r) => String(r[target]) === k).length]));
const spread = (values) => ({ mean: values.reduce((s, v) => s + v, 0) / values.length, min: Math.min(...values), max: Math.max(...values) });
const summary = { run: runDir, target, trainRows: train.length, testRows: test.length, trainClasses: count(train), testClasses: count(test) };
for (const [label, repeat] of [['same size', 1], [`${times}x`, times]]) {
  const runs = [];
  for (let s = 1; s <= (repeat === 1 ? draws : Math.ceil(draws / 2)); s++) {
    const synthetic = synthesize(model, encoder, repeatRows(c, repeat, c.length), { seed: s }).records;
    runs.push(utilityReport(train, synthetic, test, encoder.schema, target, 100_000));
  }
  summary[label] = Object.fromEntries(runs[0].scores.map((score, m) => [score.model, {
    real: score.real, realBalanced: score.balanced.real,
    synthetic: spread(runs.map((r) => r.scores[m].synthetic)), syntheticBalanced: spread(runs.map((r) => r.scores[m].balanced.synthetic)),
  }]));
  summary[label].draws = runs.length;
}
console.log(JSON.stringify(summary, null, 2));
model.dispose();
