// "Oversample the rare class" recipe, measured: classifiers trained on the real training rows, then on the real
// rows plus synthetic rows of the rarest condition class (drawn until it matches the commonest class), both tested
// on the real test rows; accuracy and balanced accuracy (mean per-class recall) before and after.
// One command: node bench/tabular/oversample.mjs RUN_DIR [seed]   (a model trained by `cvae train --dataset tabular`)
import { encodeCondition, repeatRows } from '@cvae/core';
import { synthesize, utilityReport } from '@cvae/datasets';
import { savedRun } from './saved-run.mjs';

const [runDir, seedText = '0'] = process.argv.slice(2);
const seed = Number(seedText);
const { model, adapter } = await savedRun(runDir);
const { encoder } = adapter;
const attribute = adapter.spec.condition.attributes.find((a) => a.kind === 'categorical');
const target = attribute.name;
const train = adapter.rows('train');
const test = adapter.rows('test');
const counts = new Map();
for (const r of train) counts.set(String(r[target]), (counts.get(String(r[target])) ?? 0) + 1);
const sorted = [...counts].sort((a, b) => a[1] - b[1]);
const [rare, rareCount] = sorted[0];
const extra = sorted[sorted.length - 1][1] - rareCount;
const c = repeatRows(encodeCondition(adapter.spec.condition.attributes, { ...Object.fromEntries(adapter.spec.condition.attributes.map((a) => [a.name, a.kind === 'categorical' ? a.classes[0] : a.mean])), [target]: rare }), extra);
const synthetic = synthesize(model, encoder, c, { seed }).records;
const augmented = [...train, ...synthetic];
// utilityReport's "synthetic" side is the augmented set here: real rows + synthetic rare-class rows.
const report = utilityReport(train, augmented, test, encoder.schema, target, 100_000);
console.log(JSON.stringify({ run: runDir, target, rare, rareTrainRows: rareCount, addedSyntheticRows: extra, testRows: test.length, scores: report.scores.map((s) => ({ model: s.model, accuracy: { real: s.real, realPlusSynthetic: s.synthetic }, balanced: { real: s.balanced.real, realPlusSynthetic: s.balanced.synthetic } })) }));
model.dispose();
