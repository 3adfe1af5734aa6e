// `npm run bench [-- --json] [-- --steps N]`: every available backend plus the PyTorch reference, in one run.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const args = process.argv.slice(2);
const json = args.includes('--json');
const steps = args.includes('--steps') ? args[args.indexOf('--steps') + 1] : '30';
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const log = (line) => process.stderr.write(`${line}\n`);

function runJsonLines(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) {
    log(`[bench] ${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
    return [];
  }
  return result.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const rows = [];
for (const backend of ['wasm', 'wasm-1thread', 'wasm-stock', 'cpu', 'cpu-stock', 'node']) {
  log(`[bench] ${backend} ...`);
  rows.push(...runJsonLines(process.execPath, [here('./step-bench.mjs'), backend, steps]));
}
const python = '/usr/bin/python3';
let torchAvailable = false;
try {
  execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  torchAvailable = true;
} catch {
  log('[bench] PyTorch reference skipped: /usr/bin/python3 cannot import torch (apt-get install python3-torch libopenblas0-pthread)');
}
if (torchAvailable) {
  log('[bench] pytorch ...');
  rows.push(...runJsonLines(python, [here('./reference/pytorch_cvae.py'), steps]));
}

const bestTorch = (caseName) => Math.min(...rows.filter((r) => r.backend === 'pytorch' && r.case === caseName).map((r) => r.msPerStep));
const msOf = (backend, caseName) => rows.find((r) => r.backend === backend && r.case === caseName)?.msPerStep;
for (const row of rows) {
  if (row.msPerStep !== undefined && torchAvailable) row.ratioToPytorch = row.msPerStep / bestTorch(row.case);
}
const peak = Object.fromEntries(rows.filter((r) => r.case === 'process').map((r) => [r.backend, r.peakRssMiB]));

if (json) {
  process.stdout.write(`${JSON.stringify(rows.filter((r) => r.case !== 'process').map((r) => ({ ...r, peakRssMiB: peak[r.backend] })), null, 2)}\n`);
} else {
  const fmt = (v, digits = 1) => (v === undefined ? '' : v.toFixed(digits));
  console.log(`machine: ${cpus().length} x ${cpus()[0]?.model}, node ${process.version}`);
  console.log('| backend | case | threads | ms/step | 60k-epoch s | samples/s | peak RSS MiB | x PyTorch best |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    if (r.case === 'process') continue;
    if (r.case === 'unavailable') {
      console.log(`| ${r.backend} | unavailable: ${r.reason.split('. Fix')[0]} | | | | | | |`);
      continue;
    }
    console.log(`| ${r.backend} | ${r.case} | ${r.threads ?? ''} | ${fmt(r.msPerStep)} | ${fmt(r.epochSeconds)} | ${fmt(r.samplesPerSecond, 0)} | ${fmt(peak[r.backend], 0)} | ${fmt(r.ratioToPytorch, 2)} |`);
  }
  for (const [ours, stock] of [['wasm', 'wasm-stock'], ['wasm-1thread', 'wasm-stock'], ['cpu', 'cpu-stock']]) {
    const [a, b] = [msOf(ours, 'reference'), msOf(stock, 'reference')];
    if (a && b) console.log(`speed-up of ${ours} over ${stock} (reference step): ${(b / a).toFixed(2)}x`);
  }
}
