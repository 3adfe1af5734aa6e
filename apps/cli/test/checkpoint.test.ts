import '@tensorflow/tfjs-backend-cpu';
import { cpuBackend, loadModel } from '@cvae/core';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpoint } from '../src/checkpoint/read-checkpoint.js';
import { currentGeneration } from '../src/checkpoint/write-checkpoint.js';
import { runCli } from './run-cli.js';
import { spawnCli, waitFor } from './spawn-cli.js';

// How many times the kill test kills training (CI: 20; set CVAE_KILL_TEST_KILLS for more or fewer).
const KILLS = Number(process.env.CVAE_KILL_TEST_KILLS ?? 20);
// Each kill comes after at least one new checkpoint, and at most about two epochs pass before it:
// this many epochs leave room for every kill before the run ends.
const EPOCHS = Math.max(2 * KILLS + 2, 6);
// Tiny and fast (16 steps of 16 examples per epoch, a 16-unit MLP), so that 20 kills take about a
// minute: most of the time is the 20 process starts. A kill lands at a random step or inside a checkpoint write.
const FLAGS = ['--dataset', 'mnist', '--train-size', '256', '--test-size', '32', '--batch-size', '16', '--epochs', String(EPOCHS), '--hidden', '16', '--latent', '2', '--backend', 'wasm', '--threads', '1'];

const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
/** metrics.jsonl without the timings: the figures of a resumed run must equal the unbroken run's. */
const figures = async (dir: string) => (await readFile(join(dir, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((line) => {
  const { seconds: _seconds, ...rest } = JSON.parse(line) as Record<string, unknown>;
  return rest;
});
const newDir = () => mkdtemp(join(tmpdir(), 'cvae-ckpt-'));

/** Reads the checkpoint as `--resume` would and rebuilds its model: throws if it is not complete. */
async function loadCheckpoint(dir: string): Promise<{ completedEpochs: number; step: number }> {
  const checkpoint = await readCheckpoint(dir);
  const model = await loadModel(checkpoint.model.manifest, checkpoint.model.weights);
  model.dispose();
  return { completedEpochs: checkpoint.state.completedEpochs, step: checkpoint.state.current?.steps ?? 0 };
}

describe('cvae train checkpoints and --resume (built CLI, wasm, 1 thread)', () => {
  let reference: string;
  let referenceWeights: string;
  let epochMs = 0;

  beforeAll(async () => {
    await cpuBackend().init(); // to rebuild checkpoints' models in this process
    reference = await newDir();
    const result = await runCli(['train', ...FLAGS, '--out', reference]);
    expect(result.code, result.stderr).toBe(0);
    referenceWeights = await sha256(join(reference, 'model', 'weights.bin'));
    // The shortest epoch of the unbroken run bounds the random delay before each kill, so that a
    // kill comes within about one epoch of the checkpoint it waited for (the run must not end first).
    const lines = (await readFile(join(reference, 'metrics.jsonl'), 'utf8')).trim().split('\n');
    epochMs = 1000 * Math.min(...lines.map((line) => (JSON.parse(line) as { seconds: number }).seconds));
  });

  it(`survives ${KILLS} kill -9 at random steps and inside checkpoint writes, each followed by --resume, ending with the unbroken run's weights byte for byte`, { timeout: 60_000 + 20_000 * KILLS }, async () => {
    const out = await newDir();
    const started = performance.now();
    const kills: { at: 'step' | 'write'; landed: string; completedEpochs: number; step: number }[] = [];
    let args = ['train', ...FLAGS, '--out', out];
    for (;;) {
      const seen = (await currentGeneration(out)) ?? 0;
      const run = spawnCli(args);
      if (kills.length === KILLS) {
        const end = await run.done;
        expect(end.code, end.stderr).toBe(0);
        break;
      }
      // Training is under way once this process has written a checkpoint of its own.
      const state = await waitFor(async () => ((await currentGeneration(out)) ?? 0) > seen, run);
      expect(state, 'the run ended before it could be killed').toBe('ready');
      // Every other kill aims at a checkpoint write: it fires as soon as the next generation's
      // folder appears (files still being written and fsynced, the link not yet swapped).
      const at = kills.length % 2 === 0 ? 'step' : 'write';
      if (at === 'step') {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * epochMs));
      } else {
        const next = `checkpoint-${String(seen + 2).padStart(6, '0')}`;
        await waitFor(async () => existsSync(join(out, next)), run, 1);
      }
      const before = await currentGeneration(out);
      run.child.kill('SIGKILL');
      const end = await run.done;
      expect(end.signal, end.stderr).toBe('SIGKILL');
      // Never half-written: the checkpoint is the previous complete one or the new complete one.
      const loaded = await loadCheckpoint(out);
      const generations = (await readdir(out)).filter((name) => /^checkpoint-\d+$/.test(name)).length;
      // A generation folder beside the current one is a write the kill cut short.
      const landed = generations > 1 ? 'inside a write' : before !== (await currentGeneration(out)) ? 'just after a write' : 'between writes';
      kills.push({ at, landed, ...loaded });
      args = ['train', '--resume', out];
    }
    const seconds = (performance.now() - started) / 1000;
    const cut = kills.filter((k) => k.landed === 'inside a write').length;
    console.log(`[kill test] ${KILLS} kills in ${seconds.toFixed(1)} s (${(seconds / (KILLS + 1)).toFixed(1)} s per process); ${cut} cut a checkpoint write short; at the kills: ${JSON.stringify(kills)}`);
    expect(kills).toHaveLength(KILLS);
    expect(await sha256(join(out, 'model', 'weights.bin'))).toBe(referenceWeights);
    // metrics.jsonl: every epoch once, with the unbroken run's figures.
    expect(await figures(out)).toEqual(await figures(reference));
    // Only the latest generation is left behind.
    expect((await readdir(out)).filter((name) => name.startsWith('checkpoint-'))).toHaveLength(1);
  });

  it('Ctrl-C saves a checkpoint after the current step and exits 130 naming the resume command; a second Ctrl-C quits at once; resume ends with the same weights', async () => {
    const out = await newDir();
    const first = spawnCli(['train', ...FLAGS, '--out', out]);
    expect(await waitFor(async () => (await currentGeneration(out)) !== undefined, first)).toBe('ready');
    await new Promise((resolve) => setTimeout(resolve, Math.random() * epochMs));
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain(`continue with: cvae train --resume ${out}`);
    const afterInterrupt = await loadCheckpoint(out);

    // Twice: the second signal quits at once unless the save the first asked for finished before it
    // arrived (both are right). Either way the checkpoint is complete. (checkpoint/interrupt.test.ts checks the two-signal logic itself.)
    const second = spawnCli(['train', '--resume', out]);
    const generation = await currentGeneration(out);
    expect(await waitFor(async () => (await currentGeneration(out)) !== generation, second)).toBe('ready');
    second.child.kill('SIGINT');
    // 1 ms later: two separate signals (not merged by the kernel), the second most likely during the save.
    await new Promise((resolve) => setTimeout(resolve, 1));
    second.child.kill('SIGINT');
    const quit = await second.done;
    expect(quit.code, quit.stderr).toBe(130);
    const quitAtOnce = quit.stderr.includes('SIGINT again: quitting without saving');
    expect(quitAtOnce || quit.stderr.includes('checkpoint saved in'), quit.stderr).toBe(true);
    await loadCheckpoint(out);

    const resumed = await runCli(['train', '--resume', out]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/\[cvae\] resuming .* (after epoch \d+|at epoch \d+, step \d+)/);
    expect(await sha256(join(out, 'model', 'weights.bin'))).toBe(referenceWeights);
    expect(await figures(out)).toEqual(await figures(reference));
    console.log(`[sigint test] the first Ctrl-C stopped after epoch ${afterInterrupt.completedEpochs}, step ${afterInterrupt.step} of the next; the second run ${quitAtOnce ? 'quit at the second Ctrl-C' : 'had saved before the second Ctrl-C'}`);
  });

  it('refuses to resume without a checkpoint, from a half-written one, or with other flags (but --lr / --clip-norm: numerical-faults.test.ts)', async () => {
    const empty = await newDir();
    const none = await runCli(['train', '--resume', empty]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/\[cvae\] \[checkpoint\] no checkpoint in .*checkpoint\.json does not exist; fix: start a new run/);

    const broken = await newDir();
    await cp(reference, broken, { recursive: true, verbatimSymlinks: true });
    const weights = join(broken, 'checkpoint', 'weights.bin');
    const bytes = await readFile(weights);
    await writeFile(weights, bytes.subarray(0, bytes.length >> 1)); // as if the write had stopped half-way
    const half = await runCli(['train', '--resume', broken]);
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/half-written or corrupted: weights\.bin does not match the sha256/);

    const other = await runCli(['train', '--resume', reference, '--latent', '3']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/these differ: --latent 3 \(the run used 2\)/);
    const noDataset = await runCli(['train', '--epochs', '1']);
    expect(noDataset.code).toBe(2);
    expect(noDataset.stderr).toMatch(/cvae train needs --dataset NAME \(or `dataset:` in the --config file, or --resume DIR\)/);
  });
});
