import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentGeneration } from '../src/checkpoint/write-checkpoint.js';
import { runCli } from './run-cli.js';
import { spawnCli, waitFor } from './spawn-cli.js';

const FLAGS = ['--dataset', 'mnist', '--train-size', '512', '--test-size', '100', '--batch-size', '32', '--epochs', '4', '--hidden', '32', '--latent', '4', '--backend', 'cpu', '--quiet'];

/** sha256 of every file of the current checkpoint generation, by name. */
async function checkpointDigest(dir: string): Promise<Record<string, string>> {
  const folder = join(dir, `checkpoint-${String(await currentGeneration(dir)).padStart(6, '0')}`);
  const files = (await readdir(folder)).sort();
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, createHash('sha256').update(await readFile(join(folder, f))).digest('hex')] as const)));
}

describe('cvae train: NaN / Inf (built CLI, cpu)', () => {
  it('--lr 1 diverges: stops at the step, names it and the fix; the checkpoint stays intact and resumes with --lr / --clip-norm', { timeout: 120_000 }, async () => {
    const out = await mkdtemp(join(tmpdir(), 'cvae-nan-'));
    // A checkpoint after epoch 1 at the default learning rate (the run is killed once it exists).
    const first = spawnCli(['train', ...FLAGS, '--out', out]);
    expect(await waitFor(async () => (await currentGeneration(out)) !== undefined, first)).toBe('ready');
    first.child.kill('SIGKILL');
    await first.done;
    const before = await checkpointDigest(out);
    const generation = await currentGeneration(out);

    const diverged = await runCli(['train', '--resume', out, '--lr', '1']);
    expect(diverged.code, diverged.stderr).toBe(1);
    const line = diverged.stderr.trim().split('\n').at(-1)!;
    expect(line).toMatch(/^\[cvae\] \[train\] training diverged at epoch \d+, step \d+: loss (NaN|-?Infinity|[-\d.e+]+), gradient norm (NaN|Infinity|[\d.e+]+) \(learning rate 1, no clipping\); this step was not applied; the last checkpoint is intact \((after epoch \d+|at epoch \d+, step \d+)\); fix: continue with a lower learning rate or clipping: cvae train --resume \S+ --lr 0\.1 --clip-norm 5$/);
    expect(diverged.stderr).not.toMatch(/\n\s+at /);
    // Nothing of the checkpoint changed: same generation, same bytes.
    expect(await currentGeneration(out)).toBe(generation);
    expect(await checkpointDigest(out)).toEqual(before);

    const resumed = await runCli(['train', '--resume', out, '--lr', '0.0005', '--clip-norm', '5']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/\[cvae\] resuming .* after epoch \d+/);
    const manifest = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8')) as { training: { learningRate: number; clipNorm: number } };
    expect([manifest.training.learningRate, manifest.training.clipNorm]).toEqual([0.0005, 5]);
    console.log(`[numerical faults] ${line}`);
  });

  it('refuses --clip-norm 0 in one line', async () => {
    const zero = await runCli(['train', ...FLAGS, '--clip-norm', '0', '--out', join(tmpdir(), 'never')]);
    expect(zero.code).toBe(2);
    expect(zero.stderr.trim()).toMatch(/^\[cvae\] \[cli\] option '--clip-norm <norm>' argument '0' is invalid\. expected a number > 0, found "0"; fix: see `cvae train --help`$/);
  });
});
