import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, plugin, runCli as run } from './run-cli.js';
import { spawnCli, waitFor } from './spawn-cli.js';

// These tests run the *built* CLI under plain node (not vitest's transform), which proves that
// the packages' dist output works on its own, gradient registration included.

describe('cvae train (built CLI, wasm)', () => {
  let out: string;
  let result: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    expect(existsSync(cli), `${cli} is missing: run the build first (npm test does)`).toBe(true);
    out = await mkdtemp(join(tmpdir(), 'cvae-cli-'));
    // A constant KL weight, so that the logged loss is exactly recon + KL (the default warms it up).
    result = await run(['train', '--dataset', 'mnist', '--backend', 'wasm', '--epochs', '2', '--train-size', '2048', '--test-size', '500', '--kl-schedule', 'constant', '--out', out]);
  });

  it('exits 0 and writes metrics.jsonl with one line per epoch in nats', async () => {
    expect(result.code, result.stderr).toBe(0);
    const lines = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.epoch)).toEqual([1, 2]);
    for (const line of lines) {
      expect(line.train.loss).toBeCloseTo(line.train.recon + line.train.kl, 3);
      expect(line.test.negElbo).toBeGreaterThan(50);
      expect(line.test.negElbo).toBeLessThan(544); // 784 ln 2: worse than coin flips means broken
    }
    expect(lines[1].test.negElbo).toBeLessThan(lines[0].test.negElbo);
  });

  it('takes the image defaults it names: a learned prior and c at every decoder layer', async () => {
    expect(result.stdout).toContain('[cvae] mnist training with --prior learned --decoder-condition every-layer');
    const manifest = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(manifest.config).toMatchObject({ prior: { kind: 'learned' }, decoderCondition: 'every-layer' });
  });

  it('prints active units and KL per latent dimension at the end', () => {
    expect(result.stdout).toMatch(/active units: \d+\/32 \(Cov_x E_q\[z_i\] > 0\.01\); KL per dimension \(nats\): (\d+\.\d\d ){31}\d+\.\d\d/);
  });

  it('writes a 10x10 sample grid of 28x28 tiles', async () => {
    const png = PNG.sync.read(await readFile(join(out, 'samples.png')));
    expect([png.width, png.height]).toEqual([10 * 30 + 2, 10 * 30 + 2]);
  });

  it('reloads model/ and reproduces samples.png exactly for the same seed', async () => {
    const again = join(out, 'again.png');
    const sampled = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--seed', '0', '--out', again]);
    expect(sampled.code, sampled.stderr).toBe(0);
    expect((await readFile(again)).equals(await readFile(join(out, 'samples.png')))).toBe(true);
    const threes = join(out, 'threes.png');
    const one = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--condition', 'digit=3', '--n', '7', '--out', threes]);
    expect(one.code, one.stderr).toBe(0);
    const row = PNG.sync.read(await readFile(threes));
    expect([row.width, row.height]).toEqual([7 * 30 + 2, 30 + 2]);
    const bad = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--condition', 'digit=x', '--out', threes]);
    expect(bad.stderr).toMatch(/"x" is not a class of "digit"; the classes are 0, 1, 2, 3, 4, 5, 6, 7, 8, 9/);
    const other = join(out, 'other.png');
    await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--seed', '1', '--out', other]);
    expect((await readFile(other)).equals(await readFile(join(out, 'samples.png')))).toBe(false);
  });
});

describe('cvae train --plugin (built plugin-sample, wasm)', () => {
  it('trains the shapes dataset from a plugin path and writes metrics.jsonl and a 4x10 grid of 16x16 tiles; --resume needs --plugin again', async () => {
    expect(existsSync(plugin), `${plugin} is missing: build @cvae/plugin-sample first (npm test does)`).toBe(true);
    const out = await mkdtemp(join(tmpdir(), 'cvae-plugin-'));
    const result = await run(['train', '--plugin', plugin, '--dataset', 'shapes', '--epochs', '1', '--backend', 'wasm', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/training on Shapes \(4000 train \/ 1000 test\)/);
    const [line] = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(line.epoch).toBe(1);
    expect(line.test.negElbo).toBeLessThan(256 * Math.LN2); // better than coin flips on 16x16 pixels
    const png = PNG.sync.read(await readFile(join(out, 'samples.png')));
    expect([png.width, png.height]).toEqual([10 * 18 + 2, 4 * 18 + 2]);
    // A run folder never names code to run: --resume needs the plugin named again (the same module).
    const refused = await run(['train', '--resume', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^\[cvae\] \[cli\] the run in .* was trained on a dataset of the plugin ".*plugin-sample.*"; cvae never runs code named by a run folder; fix: name the plugin yourself: cvae train --resume .* --plugin /);
    const resumed = await run(['train', '--resume', out, '--plugin', plugin]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/\[cvae\] resuming .* after epoch 1/);
  });

  it('refuses a --dataset that is not the plugin\'s id, naming both', async () => {
    const result = await run(['train', '--plugin', plugin, '--dataset', 'mnist', '--out', join(tmpdir(), 'never')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--dataset "mnist" does not match the dataset of plugin ".*", whose id is "shapes"; fix: pass --dataset shapes/);
  });

  it('explains a missing plugin and a wrong export, without a stack trace', async () => {
    const missing = await run(['train', '--plugin', './no-such-plugin.js', '--dataset', 'shapes', '--out', join(tmpdir(), 'never')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^\[cvae\] \[cli\] plugin "\.\/no-such-plugin\.js" not found: .*no-such-plugin\.js does not exist\. Fix:/);
    const wrong = join(await mkdtemp(join(tmpdir(), 'cvae-plugin-')), 'wrong.mjs');
    await writeFile(wrong, 'export const answer = 42;\n');
    const shape = await run(['train', '--plugin', wrong, '--dataset', 'shapes', '--out', join(tmpdir(), 'never')]);
    expect(shape.code).toBe(1);
    expect(shape.stderr).toMatch(/must default-export \(or export as datasetModule\) a function \(options\) => ContainerModule or a ContainerModule; found default: undefined/);
    expect(shape.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('cvae eval (built CLI)', () => {
  it('reports -ELBO, IWAE NLL <= -ELBO, bits/dim and active units for a trained model', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cvae-eval-'));
    const trained = await run(['train', '--dataset', 'mnist', '--backend', 'wasm', '--epochs', '1', '--train-size', '1024', '--test-size', '200', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    const result = await run(['eval', '--json', '--model', join(out, 'model'), '--backend', 'wasm', '--k', '50', '--test-size', '200']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ dataset: 'mnist', split: 'test', examples: 200, iwae: { k: 50 } });
    expect(report.negElbo).toBeCloseTo(report.recon + report.kl, 3);
    expect(report.iwae.nll).toBeLessThan(report.negElbo);
    expect(report.bitsPerDim).toBeCloseTo(report.iwae.nll / (784 * Math.LN2), 6);
    expect(report.klPerDimension).toHaveLength(32); // the default latent size
    const controlled = await run(['eval', '--json', '--model', join(out, 'model'), '--backend', 'wasm', '--k', '1', '--test-size', '200', '--control', '--per-class', '20', '--classifier-epochs', '2']);
    expect(controlled.code, controlled.stderr).toBe(0);
    const { control } = JSON.parse(controlled.stdout);
    expect(control.classifier).toMatchObject({ architecture: 'mlp 784-256-10', epochs: 2 });
    expect(control.classifier.realTestAccuracy).toBeGreaterThan(0.5);
    expect(control.perClassAccuracy).toHaveLength(10);
    expect(control.accuracy).toBeCloseTo(control.perClassAccuracy.reduce((a: number, b: number) => a + b) / 10, 6);
    expect(control.relative).toBeCloseTo(control.accuracy / control.classifier.realTestAccuracy, 6);
    expect(control.leakage.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(control.leakage.chance).toBeGreaterThanOrEqual(0.1);
  });
});

describe('cvae train --top-latent --lr-end (a second stochastic layer, a decaying rate)', () => {
  it('trains, says so in the model file, evaluates with IWAE NLL <= -ELBO, samples, and inpaint refuses it in one line', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cvae-top-'));
    const trained = await run(['train', '--dataset', 'mnist', '--backend', 'wasm', '--epochs', '1', '--train-size', '1024', '--test-size', '200', '--latent', '16', '--top-latent', '8', '--top-hidden', '32', '--lr-end', '1e-4', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(manifest.config).toMatchObject({ latentSize: 16, topLatent: { size: 8, hidden: [32] } });
    expect(manifest.weights.entries.map((e: { name: string }) => e.name)).toContain('top.inference.0.weight');
    const result = await run(['eval', '--json', '--model', join(out, 'model'), '--backend', 'wasm', '--k', '50', '--test-size', '200']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.iwae.nll).toBeLessThan(report.negElbo);
    expect(report.negElbo).toBeLessThan(544);
    const sampled = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--n', '2', '--out', join(out, 'grid.png')]);
    expect(sampled.code, sampled.stderr).toBe(0);
    const inpaint = await run(['inpaint', '--model', join(out, 'model'), '--backend', 'wasm', '--out', join(out, 'inpaint.png')]);
    expect(inpaint.code).not.toBe(0);
    expect(inpaint.stderr).toMatch(/^\[cvae\] \[complete\] completion needs an exact log p\(z\|c\).*fix: /m);
    expect(inpaint.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('cvae train --unconditional', () => {
  it('trains the same data as a plain VAE (c = 1) and says so in the model file', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cvae-uncond-'));
    const result = await run(['train', '--dataset', 'mnist', '--backend', 'wasm', '--epochs', '1', '--train-size', '512', '--test-size', '100', '--unconditional', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(manifest.config.conditionSize).toBe(1);
    expect(manifest.dataset.id).toBe('mnist-unconditioned');
    const evaluated = await run(['eval', '--json', '--model', join(out, 'model'), '--backend', 'wasm', '--k', '5', '--test-size', '100']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(JSON.parse(evaluated.stdout)).toMatchObject({ dataset: 'mnist-unconditioned', examples: 100 });
    const control = await run(['eval', '--model', join(out, 'model'), '--backend', 'wasm', '--k', '1', '--test-size', '100', '--control']);
    expect(control.code).toBe(1);
    expect(control.stderr).toMatch(/^\[cvae\] \[control\] .*one-hot class condition.*fix:/);
  });
});

describe('cvae train --dataset tabular / cvae sample (CSV)', () => {
  it('trains on a CSV, writes samples.csv and quality.json, and samples rows for a condition', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cvae-tabular-'));
    const csv = join(dir, 'animals.csv');
    // 300 rows: kind decides size (with noise) and, mostly, colour; "legs" is an integer.
    const lines = ['kind,size,colour,legs,tame'];
    for (let i = 0; i < 300; i++) {
      const kind = ['cat', 'dog', 'bird'][i % 3];
      const size = { cat: 4, dog: 20, bird: 0.5 }[kind]! * (1 + ((i * 37) % 11) / 20);
      const colour = i % 7 === 0 ? 'white' : { cat: 'black', dog: 'brown', bird: 'blue' }[kind];
      lines.push(`${kind},${size.toFixed(2)},"${colour}",${kind === 'bird' ? 2 : 4},${i % 5 === 0 ? 'no' : 'yes'}`);
    }
    await writeFile(csv, `${lines.join('\n')}\n`);
    const out = join(dir, 'run');
    const trained = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'kind', '--epochs', '3', '--backend', 'wasm', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/quality: overall 0\.\d{3} \(column shapes 0\.\d{3}, pair trends 0\.\d{3}\)/);
    const header = (await readFile(join(out, 'samples.csv'), 'utf8')).split('\n')[0];
    expect(header).toBe('kind,size,colour,legs,tame');
    const quality = JSON.parse(await readFile(join(out, 'quality.json'), 'utf8'));
    expect(quality.by.column).toBe('kind');
    expect(quality.constraints.final).toEqual({ ranges: 1, conditionRanges: 1, combinations: 1, predicate: 1 });
    expect(quality.privacy.dcrShare).toBeGreaterThanOrEqual(0);
    expect(quality.utility.scores.map((s: { model: string }) => s.model)).toEqual(['logistic-regression', 'random-forest']);
    expect(trained.stdout).toMatch(/\[cvae\] privacy \(Gower distance.*DCR share 0\.\d{3}/);
    expect((await readFile(join(out, 'histograms.png'))).subarray(1, 4).toString()).toBe('PNG');
    expect(quality.baselines.resampled.columnPairTrends).toBeGreaterThan(quality.baselines.independent.columnPairTrends);

    const sampled = join(dir, 'dogs.csv');
    const result = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--condition', 'kind=dog', '--n', '25', '--out', sampled]);
    expect(result.code, result.stderr).toBe(0);
    const rows = (await readFile(sampled, 'utf8')).trim().split('\n').slice(1);
    expect(rows).toHaveLength(25);
    expect(rows.every((row) => row.startsWith('dog,'))).toBe(true);
    // Booleans come back in the input's words (yes/no, never true/false), sizes with its two decimals.
    expect(rows.every((row) => /^dog,-?\d+\.\d\d,[a-z]+,-?\d+,(yes|no)$/.test(row))).toBe(true);
    const given = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--condition', 'kind=dog', '--given', 'colour=white,tame=no', '--n', '20', '--out', sampled]);
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toMatch(/--given colour=white,tame=no: 100\.0% of rows honour it/);
    expect((await readFile(sampled, 'utf8')).trim().split('\n').slice(1).every((row) => /^dog,.*,white,-?\d+,no$/.test(row))).toBe(true);
    const badGiven = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--condition', 'kind=dog', '--given', 'colour=purple', '--out', sampled]);
    expect(badGiven.stderr).toMatch(/column "colour" takes one of black, blue, brown, white/);
    const wrong = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--condition', 'kind=fish', '--out', sampled]);
    expect(wrong.stderr).toMatch(/"fish" is not a class of "kind"; the classes are bird, cat, dog/);
  });
});

/** DIR/shapes.csv: `rows` triangles and squares (3 or 4 sides), a size from `size(i)`, colours in turn; returns its path. */
async function writeShapesCsv(dir: string, rows: number, size: (i: number) => string): Promise<string> {
  const lines = ['shape,sides,size,colour'];
  for (let i = 0; i < rows; i++) {
    const shape = ['triangle', 'square'][i % 2];
    lines.push(`${shape},${shape === 'triangle' ? 3 : 4},${size(i)},${['red', 'blue', 'green'][(i >> 1) % 3]}`);
  }
  const csv = join(dir, 'shapes.csv');
  await writeFile(csv, `${lines.join('\n')}\n`);
  return csv;
}

describe('cvae train --prior-components (a mixture prior)', () => {
  it('trains a table with a mixture p(z|c), says so in the model file and cvae info, completes --given rows, and refuses it without a learned prior', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cvae-mixture-'));
    const csv = await writeShapesCsv(dir, 200, (i) => (1 + (i % 9) / 3).toFixed(1));
    const out = join(dir, 'run');
    const trained = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'shape', '--prior-components', '4', '--epochs', '3', '--backend', 'wasm', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(manifest.config.prior).toEqual({ kind: 'learned', hidden: [], components: 4 });
    const info = await run(['info', '--model', join(out, 'model')]);
    expect(info.stdout).toMatch(/prior learned \(a mixture of 4 Gaussians\)/);
    const given = await run(['sample', '--model', join(out, 'model'), '--backend', 'wasm', '--condition', 'shape=square', '--given', 'colour=red', '--n', '10', '--out', join(dir, 'red.csv')]);
    expect(given.code, given.stderr).toBe(0);
    expect((await readFile(join(dir, 'red.csv'), 'utf8')).trim().split('\n').slice(1).every((row) => /^square,.*,red$/.test(row))).toBe(true);
    const refused = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'shape', '--prior', 'standard', '--prior-components', '4', '--out', join(dir, 'never')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--prior-components 4 needs --prior learned \(found --prior standard\)/);
    // The tabular default is a 16-component mixture; --prior standard alone drops it instead of being refused.
    const standard = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'shape', '--prior', 'standard', '--epochs', '1', '--backend', 'wasm', '--out', join(dir, 'standard')]);
    expect(standard.code, standard.stderr).toBe(0);
    expect(standard.stdout).not.toMatch(/--prior-components/);
    expect(JSON.parse(await readFile(join(dir, 'standard', 'model', 'model.json'), 'utf8')).config.prior).toEqual({ kind: 'standard' });
    const zero = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'shape', '--prior-components', '0', '--out', join(dir, 'never')]);
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toMatch(/--prior-components/);
  });
});

describe('cvae train --validation (early stopping on held-out rows)', () => {
  it('stops after --patience epochs without a lower validation -ELBO and saves the best epoch\'s weights, not the last', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cvae-early-stop-'));
    const csv = await writeShapesCsv(dir, 160, (i) => (1 + ((i * 7) % 11) / 3).toFixed(2));
    const out = join(dir, 'run');
    // A large step on 100 rows overfits within a few dozen epochs, so the held-out bound turns.
    const trained = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'shape', '--validation', '0.2', '--patience', '3', '--epochs', '80', '--lr', '0.01', '--backend', 'wasm', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/up to 80 epochs \(stops after 3 without a lower -ELBO on 26 validation rows, and keeps the best\)/);
    const metrics = (await readFile(join(out, 'metrics.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const held = metrics.map((m) => m.validation.negElbo as number);
    const best = held.indexOf(Math.min(...held)) + 1;
    expect(metrics.length).toBe(Math.min(80, best + 3));
    expect(trained.stdout).toContain(`[cvae] kept the weights of epoch ${best} (validation -ELBO ${held[best - 1].toFixed(2)} nats, the lowest of ${metrics.length} epochs)`);
    // The saved weights are the best epoch's: re-evaluated, the test -ELBO is that epoch's, not the last one's.
    const evaluated = await run(['eval', '--model', join(out, 'model'), '--backend', 'wasm', '--k', '2', '--json']);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    const { negElbo } = JSON.parse(evaluated.stdout);
    expect(negElbo).toBeCloseTo(metrics[best - 1].test.negElbo, 3);
    if (best < metrics.length) expect(Math.abs(negElbo - metrics.at(-1).test.negElbo)).toBeGreaterThan(1e-3);
    const manifest = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(manifest.training.final.test.negElbo).toBe(metrics[best - 1].test.negElbo);
    const refused = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'shape', '--validation', '0.9', '--out', join(dir, 'never')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--validation takes a share of the training rows in \[0, 0\.5\] \(e\.g\. 0\.1; 0 = none\), found "0\.9"/);
  });
});

describe('cvae train --validation, interrupted and --resume', () => {
  it('goes on with the same best epoch and its weights: the model written equals the unbroken run\'s byte for byte', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cvae-early-resume-'));
    const csv = await writeShapesCsv(dir, 160, (i) => (1 + ((i * 7) % 11) / 3).toFixed(2));
    // wasm on one thread: a resumed run ends bit for bit where an unbroken one does (checkpoint.test.ts).
    const flags = ['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'shape', '--validation', '0.2', '--patience', '25', '--epochs', '300', '--lr', '0.01', '--backend', 'wasm', '--threads', '1'];
    const readMetrics = async (out: string) => (await readFile(join(out, 'metrics.jsonl'), 'utf8').catch(() => '')).trim().split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
    const sha256 = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');
    const unbroken = join(dir, 'unbroken');
    const reference = await run([...flags, '--out', unbroken]);
    expect(reference.code, reference.stderr).toBe(0);
    const held = (await readMetrics(unbroken)).map((m) => m.validation.negElbo as number);
    const best = held.indexOf(Math.min(...held)) + 1;
    expect(held.length, 'the unbroken run should stop early').toBe(best + 25);
    // Interrupted a few epochs after its best epoch: the old search would start again and keep a later one.
    const out = join(dir, 'interrupted');
    const first = spawnCli([...flags, '--out', out]);
    expect(await waitFor(async () => (await readMetrics(out)).length >= best + 3, first)).toBe('ready');
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code, stopped.stderr).toBe(130);
    const resumed = await run(['train', '--resume', out]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`[cvae] kept the weights of epoch ${best} (validation -ELBO ${held[best - 1].toFixed(2)} nats, the lowest of ${held.length} epochs)`);
    expect(await sha256(join(out, 'model', 'weights.bin'))).toBe(await sha256(join(unbroken, 'model', 'weights.bin')));
    const manifest = (run: string) => readFile(join(run, 'model', 'model.json'), 'utf8').then((t) => JSON.parse(t).training.final);
    expect(await manifest(out)).toEqual(await manifest(unbroken));
  });
});

describe('cvae train --dataset tabular: bad CSV input and the flags that fix it', () => {
  it('names file, line and column of a stray non-number, then trains with --kinds, --missing and --continuous', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cvae-tabular-bad-'));
    const csv = join(dir, 'cars.csv');
    const lines = ['origin,hp,name,mpg'];
    for (let i = 0; i < 120; i++) lines.push(`${['USA', 'Japan'][i % 2]},${i === 40 ? 'n/a' : 80 + (i % 7) * 10},car ${i},${i % 9 === 0 ? 'NA' : (20 + (i % 5)).toFixed(1)}`);
    await writeFile(csv, `${lines.join('\n')}\n`);
    const refused = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'origin', '--backend', 'wasm', '--out', join(dir, 'never')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cars\.csv line 42, column "hp": "n\/a" is not a number, but 119 of the column's 120 values are; fix: .*categorical/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'never', 'model'))).toBe(false);
    const bad = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'origin', '--kinds', 'hp=text', '--out', join(dir, 'never')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--kinds.*VALUE one of continuous, integer, boolean, categorical, datetime, identifier, found "hp=text"/);

    const out = join(dir, 'run');
    const trained = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'origin', '--kinds', 'hp=categorical', '--missing', 'mpg=impute',
      '--continuous', 'modes', '--epochs', '2', '--backend', 'wasm', '--out', out]);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/\[cvae\] table: 120 rows; columns origin \(categorical\), hp \(categorical\), name \(identifier\), mpg \(integer\);.*left out as identifiers .*: name/);
    const samples = (await readFile(join(out, 'samples.csv'), 'utf8')).trim().split('\n');
    expect(trained.stdout).toMatch(/\[cvae\] tabular training with --prior learned --prior-components 16 --latent 16 --hidden 256,256 --epochs \d+ /);
    expect(JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8')).config.prior).toEqual({ kind: 'learned', hidden: [], components: 16 });
    expect(samples[0]).toBe('origin,hp,mpg'); // the identifier column is not generated
    expect(samples.length - 1).toBeGreaterThanOrEqual(2000);
  });
});

describe('cvae command-line errors', () => {
  it('lists the valid datasets for an unknown one and exits non-zero', async () => {
    const result = await run(['train', '--dataset', 'cifar', '--out', join(tmpdir(), 'never')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown dataset "cifar"; valid datasets: mnist, fashion-mnist, tabular/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('lists the valid backends for an unknown one and exits 2', async () => {
    const result = await run(['train', '--dataset', 'mnist', '--backend', 'cuda', '--out', join(tmpdir(), 'never')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown backend "cuda"; valid backends: auto, wasm, node/);
  });

  it('names the missing model file when sampling from a wrong directory', async () => {
    const result = await run(['sample', '--model', join(tmpdir(), 'no-such-model'), '--backend', 'wasm']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no-such-model\/model\.json does not exist/);
  });

  it('rejects a non-integer epoch count', async () => {
    const result = await run(['train', '--dataset', 'mnist', '--epochs', 'two']);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(/^\[cvae\] \[cli\] option .--epochs <n>. argument .two. is invalid\. expected an integer in 1\.\.100000, found "two"; fix: see `cvae train --help`$/);
  });
});
