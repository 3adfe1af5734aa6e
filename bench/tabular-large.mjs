// `node bench/tabular-large.mjs [--rows N] [--keep]`: writes a CSV of N (default 1,000,000) rows x 20 mixed
// columns, then, in a fresh process, loads it and trains one epoch through the CLI's `train` command,
// and prints wall time and that process's peak RSS. A benchmark, not a test (see README.md).
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

if (args[0] === '--train-child') {
  // The measured process: only the CLI's own work happens here.
  const { trainCommand } = await import('../apps/cli/dist/commands/train.js');
  const started = performance.now();
  const { explicit, ...options } = JSON.parse(args[1]);
  try {
    await trainCommand({ ...options, explicit: new Set(explicit) });
  } catch (error) {
    // Print it here: tfjs's threaded wasm module replaces Node's uncaught-exception report with its own.
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  }
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
}

const rows = Number(flag('--rows', '1000000'));
const dir = await mkdtemp(join(tmpdir(), 'cvae-tabular-large-'));
const csv = join(dir, 'large.csv');

// A seeded generator (mulberry32) so every run writes the same file.
let state = 20240601;
const random = () => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const pick = (labels) => labels[Math.floor(random() * labels.length)];

// 20 columns: a condition (region), 9 continuous (some bimodal, some tied to the region), 4 integers,
// 4 categoricals, a boolean and a date; 1% missing cells in two columns.
const header = ['region', ...Array.from({ length: 9 }, (_, i) => `x${i}`), 'count0', 'count1', 'count2', 'year', 'colour', 'size', 'shape', 'grade', 'flag', 'day'];
const regions = ['north', 'south', 'east', 'west', 'centre'];
const started = performance.now();
const out = createWriteStream(csv);
const write = (line) => (out.write(line) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
await write(`${header.join(',')}\n`);
for (let r = 0; r < rows; r++) {
  const region = Math.floor(random() * regions.length);
  const base = normal();
  const cells = [regions[region]];
  for (let i = 0; i < 9; i++) {
    const value = i % 3 === 0 ? (random() < 0.5 ? -3 : 3) + normal() * 0.5 : base * (i % 2 ? 1 : -1) + region + normal();
    cells.push(i === 4 && random() < 0.01 ? '' : value.toFixed(3));
  }
  cells.push(String(Math.floor(random() * 10)), String(region * 2 + Math.floor(random() * 3)), String(Math.round(Math.exp(base + 2))));
  cells.push(String(1990 + Math.floor(random() * 30)));
  cells.push(pick(['red', 'green', 'blue', 'black']), random() < 0.01 ? 'NA' : pick(['S', 'M', 'L', 'XL']), pick(['round', 'square']), pick(['A', 'B', 'C', 'D', 'E', 'F']));
  cells.push(base > 0 ? 'true' : 'false');
  cells.push(`20${String(10 + Math.floor(random() * 14))}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`);
  const pending = write(`${cells.join(',')}\n`);
  if (pending) await pending;
}
await new Promise((resolve) => out.end(resolve));
const bytes = (await stat(csv)).size;
process.stderr.write(`[bench] wrote ${rows} rows x ${header.length} columns (${(bytes / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${csv}\n`);

// The CLI's own defaults, as `cvae train --dataset tabular --csv large.csv --condition region --missing impute --epochs 1`
// gives them: the flags in `explicit` are the ones typed, the others take the tabular defaults.
const options = {
  dataset: 'tabular', csv, condition: 'region', missing: 'impute', continuous: 'modes', backend: flag('--backend', 'wasm'),
  out: join(dir, 'run'), epochs: 1, batchSize: Number(flag('--batch-size', '128')), lr: 1e-3, beta: 1, klSchedule: 'linear',
  warmup: 0.1, cycles: 4, freeBits: 0, prior: 'standard', latent: 32, hidden: [512, 512], arch: 'mlp', seed: 0,
  explicit: ['dataset', 'csv', 'condition', 'missing', 'epochs', 'backend', 'batchSize'],
};
if (args.includes('--continuous')) {
  options.continuous = flag('--continuous');
  options.explicit.push('continuous');
}
const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--train-child', JSON.stringify(options)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
const lines = child.stdout.trim().split('\n');
process.stdout.write(`${lines.slice(0, -1).join('\n')}\n`);
if (child.status !== 0) {
  process.stderr.write(`[bench] training failed (exit ${child.status})\n`);
  process.exitCode = 1;
} else {
  const { seconds, peakRssMiB } = JSON.parse(lines[lines.length - 1]);
  process.stdout.write(`[bench] load + 1 epoch + quality report: ${seconds.toFixed(1)} s, peak RSS ${peakRssMiB.toFixed(0)} MiB (limit 2048)\n`);
}
if (!args.includes('--keep')) await rm(dir, { recursive: true, force: true });
