// Imputation figure of issue 14: penguins and cars (vega-datasets), complete rows split 80/20 by this
// script (seed 0); a tabular CVAE trained on the 80% with `cvae train` defaults; then, for seeds 0-2,
// 20% of the test cells outside the condition column hidden at random and filled by
//   - `cvae impute` (one draw, and the mean / majority of --draws 10),
//   - column mean / mode of the training rows,
//   - k-nearest-neighbour imputation (k = 5), written here as scikit-learn's KNNImputer does it: no
//     npm package does mixed-type kNN imputation; features are the standardised numbers and one-hot
//     classes (condition included), the distance is the nan-Euclidean one over the features both rows
//     have, scaled by sqrt(features / shared), neighbours from the training rows; numbers get the
//     neighbours' mean, classes their majority.
// Scores: RMSE over hidden number cells in training-standard-deviation units; accuracy over hidden class cells.
// Usage: node bench/density/impute.mjs [--draws 10] [--seeds 0,1,2] [--tables penguins,cars]      (under flock /work/heavy.lock)
import { permutation, seededRandom } from '@cvae/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { cvae, load, readCsv, ROOT, RUNS } from './lib.mjs';

const { values } = parseArgs({ options: { draws: { type: 'string', default: '10' }, seeds: { type: 'string', default: '0,1,2' }, tables: { type: 'string', default: 'penguins,cars' } } });
const TABLES = {
  penguins: { condition: 'Species', drop: [], kinds: undefined, categorical: ['Island', 'Sex'] },
  // Name is an identifier (left out); Cylinders taken as a class so cars has a categorical column to score.
  cars: { condition: 'Origin', drop: ['Name'], kinds: 'Cylinders=categorical', categorical: ['Cylinders'] },
};
const HIDE = 0.2;
const K = 5;

const csvCell = (v) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
const writeCsv = (path, header, rows) => writeFileSync(path, `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n')}\n`);
const number = (v) => (/^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number(v));

function table(name, spec) {
  const records = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vega-datasets', 'data', `${name}.json`), 'utf8'));
  const header = Object.keys(records[0]).filter((c) => !spec.drop.includes(c));
  const complete = records.filter((r) => header.every((c) => r[c] !== null && r[c] !== undefined && r[c] !== '')).map((r) => header.map((c) => String(r[c])));
  const order = permutation(complete.length, seededRandom('0:bench-split'));
  const testSize = Math.round(complete.length * 0.2);
  const pick = (from, to) => Array.from(order.slice(from, to)).sort((a, b) => a - b).map((i) => complete[i]);
  return { header, train: pick(testSize, complete.length), test: pick(0, testSize) };
}

/** Mean and standard deviation of each number column, and the classes of each class column, on the training rows. */
function columnStats(header, train, categorical) {
  return header.map((name, j) => {
    if (categorical.includes(name)) {
      const counts = new Map();
      for (const r of train) counts.set(r[j], (counts.get(r[j]) ?? 0) + 1);
      return { name, classes: [...counts.keys()].sort(), mode: [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0] };
    }
    const v = train.map((r) => number(r[j]));
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return { name, mean, std: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length) || 1 };
  });
}

function features(row, stats) {
  return stats.flatMap((s, j) => (s.classes ? s.classes.map((k) => (row[j] === '' ? NaN : row[j] === k ? 1 : 0)) : [row[j] === '' ? NaN : (number(row[j]) - s.mean) / s.std]));
}

function knnFill(row, trainFeatures, train, stats) {
  const f = features(row, stats);
  const distances = trainFeatures.map((g, i) => {
    let sum = 0;
    let shared = 0;
    for (let d = 0; d < f.length; d++) if (!Number.isNaN(f[d])) [sum, shared] = [sum + (f[d] - g[d]) ** 2, shared + 1];
    return { i, d: shared === 0 ? Infinity : Math.sqrt((sum * f.length) / shared) };
  });
  const near = distances.sort((a, b) => a.d - b.d).slice(0, K).map(({ i }) => train[i]);
  return row.map((cell, j) => {
    if (cell !== '') return cell;
    if (stats[j].classes) return majority(near.map((r) => r[j]));
    return String(near.reduce((s, r) => s + number(r[j]), 0) / near.length);
  });
}

function majority(cells) {
  const counts = new Map();
  for (const c of cells) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))[0][0];
}

function score(truth, hidden, filled, stats) {
  let [squared, numbers, right, classes] = [0, 0, 0, 0];
  truth.forEach((row, i) => row.forEach((cell, j) => {
    if (hidden[i][j] !== '') return;
    if (stats[j].classes) [right, classes] = [right + (filled[i][j] === cell ? 1 : 0), classes + 1];
    else [squared, numbers] = [squared + ((number(filled[i][j]) - number(cell)) / stats[j].std) ** 2, numbers + 1];
  }));
  return { rmse: Math.sqrt(squared / numbers), accuracy: right / classes, numberCells: numbers, classCells: classes };
}

const out = { draws: Number(values.draws), hide: HIDE, k: K, tables: {}, load: { before: load() } };
const started = Date.now();
for (const name of values.tables.split(',')) {
  const spec = TABLES[name];
  const dir = join(RUNS, 'impute', name);
  mkdirSync(dir, { recursive: true });
  const { header, train, test } = table(name, spec);
  writeCsv(join(dir, 'train.csv'), header, train);
  const model = join(dir, 'run', 'model');
  if (!existsSync(join(model, 'model.json'))) {
    cvae(['train', '--dataset', 'tabular', '--csv', join(dir, 'train.csv'), '--condition', spec.condition, ...(spec.kinds ? ['--kinds', spec.kinds] : []), '--quiet', '--out', join(dir, 'run')]);
  }
  const stats = columnStats(header, train, spec.categorical);
  const trainFeatures = train.map((r) => features(r, stats));
  const condition = header.indexOf(spec.condition);
  const seeds = {};
  for (const seed of values.seeds.split(',').map(Number)) {
    const random = seededRandom(`${seed}:hide`);
    const hidden = test.map((row) => row.map((cell, j) => (j !== condition && random() < HIDE ? '' : cell)));
    const input = join(dir, `hidden-${seed}.csv`);
    writeCsv(input, header, hidden);
    const one = join(dir, `cvae-1-${seed}.csv`);
    const many = join(dir, `cvae-${values.draws}-${seed}.csv`);
    cvae(['impute', '--model', model, '--input', input, '--out', one, '--seed', String(seed), '--json']);
    cvae(['impute', '--model', model, '--input', input, '--out', many, '--draws', values.draws, '--seed', String(seed), '--json']);
    const asRows = (objects) => objects.map((o) => header.map((c) => o[c]));
    const draws = readCsv(many);
    const pooled = test.map((_, i) => {
      const mine = draws.filter((d) => Number(d['.id']) === i + 1);
      return header.map((c, j) => (stats[j].classes ? majority(mine.map((d) => d[c])) : String(mine.reduce((s, d) => s + number(d[c]), 0) / mine.length)));
    });
    const meanMode = hidden.map((row) => row.map((cell, j) => (cell !== '' ? cell : stats[j].classes ? stats[j].mode : String(stats[j].mean))));
    seeds[seed] = {
      hiddenCells: hidden.flat().filter((c) => c === '').length,
      cvaeOneDraw: score(test, hidden, asRows(readCsv(one)), stats),
      [`cvaeMeanOf${values.draws}`]: score(test, hidden, pooled, stats),
      meanMode: score(test, hidden, meanMode, stats),
      knn5: score(test, hidden, hidden.map((row) => knnFill(row, trainFeatures, train, stats)), stats),
    };
    console.error(name, seed, JSON.stringify(seeds[seed]));
  }
  const methods = Object.keys(seeds[Object.keys(seeds)[0]]).filter((m) => m !== 'hiddenCells');
  const average = Object.fromEntries(methods.map((m) => {
    const list = Object.values(seeds).map((s) => s[m]);
    return [m, { rmse: list.reduce((a, s) => a + s.rmse, 0) / list.length, accuracy: list.reduce((a, s) => a + s.accuracy, 0) / list.length }];
  }));
  out.tables[name] = { rows: { train: train.length, test: test.length }, condition: spec.condition, categorical: spec.categorical, seeds, average };
}
out.load.after = load();
out.seconds = (Date.now() - started) / 1000;
console.log(JSON.stringify(out, null, 2));
