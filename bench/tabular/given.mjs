// `--given` on a non-condition column, measured: share of rows honouring it and the pair-trend progress of the
// rows' other columns (against real test rows holding that value, baselines from training rows holding it),
// beside the unconditioned synthesis' progress. Needs a model trained by `cvae train --dataset tabular`.
// One command: node bench/tabular/given.mjs RUN_DIR COLUMN VALUE [seed]   (RUN_DIR holds model/; CSV from its manifest)
// GIVEN_ROWS=500 draws fewer completed rows (default 2000).
import { repeatRows } from '@cvae/core';
import { parseGiven, qualityReport, synthesize } from '@cvae/datasets';
import { savedRun } from './saved-run.mjs';

const [runDir, column, value, seedText = '0'] = process.argv.slice(2);
const seed = Number(seedText);
const { model, adapter } = await savedRun(runDir);
const { encoder } = adapter;
const { rows: test, c: testC } = adapter.subset('test', 10_000, seed);
const train = adapter.rows('train');
const schema = encoder.schema;
const by = adapter.spec.condition.attributes?.find((a) => a.kind === 'categorical')?.name;
const atLeast = (c, n) => repeatRows(c, Math.ceil(n / (c.length / encoder.cSize)), c.length);

// Unconditioned: one row per test condition (repeated to >= 2000 rows), scored on every column.
const plain = synthesize(model, encoder, atLeast(testC, 2000), { seed });
const plainReport = qualityReport(test, plain.records, schema, { reference: train, seed, by });

// Given: the test rows holding the value, their conditions, the given column fixed.
const holds = (r) => String(r[column]) === value;
const picked = test.map((r, i) => (holds(r) ? i : -1)).filter((i) => i >= 0);
const c = new Float32Array(picked.length * encoder.cSize);
picked.forEach((row, i) => c.set(testC.subarray(row * encoder.cSize, (row + 1) * encoder.cSize), i * encoder.cSize));
const given = parseGiven(`${column}=${value}`, encoder);
const started = Date.now();
const result = synthesize(model, encoder, atLeast(c, Number(process.env.GIVEN_ROWS ?? 2000)), { seed, given });
const seconds = (Date.now() - started) / 1000;
const others = schema.filter((s) => s.name !== column);
const givenReport = qualityReport(picked.map((i) => test[i]), result.records, others, { reference: train.filter(holds), seed });
// Apples to apples: the unconditioned rows that happen to hold the value, against the same real rows and baselines.
const plainHolding = plain.records.filter(holds);
const plainHoldingReport = plainHolding.length > 0 ? qualityReport(picked.map((i) => test[i]), plainHolding, others, { reference: train.filter(holds), seed }) : undefined;
const summary = {
  run: runDir, given: `${column}=${value}`, rows: result.records.length, realRows: picked.length, honoured: result.honoured, acceptance: result.acceptance,
  progress: { unconditioned: plainReport.pairTrendsProgress, unconditionedHolding: plainHoldingReport?.pairTrendsProgress, unconditionedHoldingRows: plainHolding.length, given: givenReport.pairTrendsProgress },
  shapes: { unconditioned: plainReport.columnShapes, given: givenReport.columnShapes },
  seconds,
};
console.log(JSON.stringify(summary));
model.dispose();
