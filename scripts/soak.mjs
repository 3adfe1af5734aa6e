// npm run soak [-- extra cvae train flags]: trains 30 epochs with the built CLI and prints, every
// epoch, the process's RSS, V8 heap and tfjs tensor count; then first vs last and a verdict.
// Not in CI (a few minutes). Default: MNIST, 10,000 training images, 256-256 MLP, z16, wasm, 1 thread.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../apps/cli/bin/cvae.js', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'cvae-soak-'));
const EPOCHS = 30;
const flags = ['train', '--dataset', 'mnist', '--train-size', '10000', '--test-size', '1000', '--epochs', String(EPOCHS), '--hidden', '256,256', '--latent', '16', '--backend', 'wasm', '--threads', '1', ...process.argv.slice(2), '--json', '--out', out];
console.log(`[soak] cvae ${flags.join(' ')}`);
const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
const rows = [];
const child = spawn(process.execPath, [cli, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
let pending = '';
child.stdout.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop();
  for (const line of lines) {
    const event = JSON.parse(line);
    if (event.type !== 'epoch') continue;
    rows.push({ epoch: event.epoch, rss: event.memory.rss, heap: event.memory.heapUsed, tensors: event.numTensors });
    console.log(`epoch ${String(event.epoch).padStart(2)}  rss ${mb(event.memory.rss).padStart(7)} MB  heap ${mb(event.memory.heapUsed).padStart(6)} MB  tensors ${event.numTensors}  test -ELBO ${event.test?.negElbo.toFixed(2)}  ${event.seconds.toFixed(1)} s`);
  }
});
const code = await new Promise((resolve) => child.on('close', resolve));
if (code !== 0 || rows.length === 0) {
  console.error(`[soak] training failed (exit ${code})`);
  process.exit(1);
}
const [first, last] = [rows[0], rows.at(-1)];
// RSS and heap settle over the first epochs (JIT, allocator pools): growth is judged from epoch 5.
const settled = rows[Math.min(4, rows.length - 1)];
const growth = (key) => (100 * (last[key] - settled[key])) / settled[key];
console.log(`[soak] first vs last epoch: rss ${mb(first.rss)} -> ${mb(last.rss)} MB, heap ${mb(first.heap)} -> ${mb(last.heap)} MB, tensors ${first.tensors} -> ${last.tensors}`);
console.log(`[soak] from epoch ${settled.epoch} to ${last.epoch}: rss ${growth('rss').toFixed(1)}%, heap ${growth('heap').toFixed(1)}%, tensors ${last.tensors - settled.tensors}`);
const flat = last.tensors === first.tensors && growth('rss') < 20 && growth('heap') < 20;
console.log(`[soak] ${flat ? 'flat' : 'NOT flat'} (tensor count constant, rss and heap within 20% of epoch ${settled.epoch})`);
process.exit(flat ? 0 : 1);
