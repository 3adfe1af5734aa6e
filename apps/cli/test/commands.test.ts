import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveMnistDir } from '@cvae/datasets';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli.js';

// Every command on one small MNIST model, checking what each one wrote.
describe('cvae commands on an MNIST model (built CLI, wasm)', () => {
  let dir: string;
  let model: string;
  let trainStdout: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvae-commands-'));
    const trained = await run(['train', '--dataset', 'mnist', '--epochs', '2', '--train-size', '1024', '--test-size', '200', '--hidden', '64', '--latent', '2',
      '--backend', 'wasm', '--json', '--out', join(dir, 'run')]);
    expect(trained.code, trained.stderr).toBe(0);
    trainStdout = trained.stdout;
    model = join(dir, 'run', 'model');
  });

  it('train --json prints only JSON lines on stdout: batch events, then one epoch event per epoch', () => {
    const events = trainStdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; epoch: number });
    expect(events.filter((e) => e.type === 'epoch').map((e) => e.epoch)).toEqual([1, 2]);
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(2 * Math.ceil(1024 / 128));
  });

  it('train writes loss.png, a chart redrawn during training (at most every 5 s) and after the last epoch', async () => {
    const png = PNG.sync.read(await readFile(join(dir, 'run', 'loss.png')));
    expect(png.width).toBeGreaterThan(400);
    expect(png.height).toBeGreaterThan(300);
  });

  it('sample writes rows that differ between conditions', async () => {
    const out = join(dir, 'grid.png');
    expect((await run(['sample', '--model', model, '--backend', 'wasm', '--n', '4', '--out', out])).code).toBe(0);
    const png = PNG.sync.read(await readFile(out));
    expect([png.width, png.height]).toEqual([4 * 30 + 2, 10 * 30 + 2]);
    // Row 3 and row 7 (the digits 3 and 7) must not be the same pixels.
    const row = (r: number) => png.data.subarray((2 + r * 30) * png.width * 4, (2 + r * 30 + 28) * png.width * 4);
    expect(Buffer.compare(row(3), row(7))).not.toBe(0);
  });

  it('reconstruct writes originals above reconstructions', async () => {
    const out = join(dir, 'recon.png');
    const result = await run(['reconstruct', '--model', model, '--backend', 'wasm', '--n', '6', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const png = PNG.sync.read(await readFile(out));
    expect([png.width, png.height]).toEqual([6 * 30 + 2, 2 * 30 + 2]);
  });

  it('interpolate writes the two ends, a latent walk, a condition morph and the style under every class', async () => {
    const out = join(dir, 'walk.png');
    const result = await run(['interpolate', '--model', model, '--backend', 'wasm', '--steps', '8', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const png = PNG.sync.read(await readFile(out));
    expect([png.width, png.height]).toEqual([10 * 30 + 2, 4 * 30 + 2]); // 10 classes is the widest row
    const bad = await run(['interpolate', '--model', model, '--backend', 'wasm', '--to', '5000', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--from\/--to must be below 200/);
  });

  it('latent writes the map and, for this 2-D model, the decoded manifold', async () => {
    const out = join(dir, 'latent.png');
    const result = await run(['latent', '--model', model, '--backend', 'wasm', '--n', '200', '--grid', '5', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(PNG.sync.read(await readFile(out)).width).toBeGreaterThan(400);
    const manifold = PNG.sync.read(await readFile(join(dir, 'latent-manifold.png')));
    expect([manifold.width, manifold.height]).toEqual([5 * 30 + 2, 5 * 30 + 2]);
  });

  it('report writes one HTML page with the loss curve, samples and reconstructions', async () => {
    const out = join(dir, 'report.html');
    const result = await run(['report', '--model', model, '--backend', 'wasm', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html.match(/<img alt="(loss curve|samples|reconstructions)" src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(html).toMatch(/of 2 active/);
  });

  it('info --json prints only JSON, with the checksum status, and a tampered file fails', async () => {
    const ok = await run(['info', '--model', model, '--json']);
    expect(ok.code).toBe(0);
    const info = JSON.parse(ok.stdout);
    expect(info).toMatchObject({ format: 'cvae-model', dataset: { id: 'mnist', source: { present: 'image-grid' } }, weights: { checksum: 'ok' } });
    expect(info.parameters).toBeGreaterThan(0);
    const copy = join(dir, 'tampered');
    await run(['train', '--dataset', 'mnist', '--epochs', '1', '--train-size', '128', '--test-size', '32', '--hidden', '16', '--latent', '2', '--backend', 'wasm', '--quiet', '--out', copy]);
    const weights = join(copy, 'model', 'weights.bin');
    const bytes = await readFile(weights);
    bytes[0] ^= 0xff;
    await writeFile(weights, bytes);
    const bad = await run(['info', '--model', join(copy, 'model')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/checksum mismatch/);
  });

  it('eval prints text, or only JSON with --json', async () => {
    const text = await run(['eval', '--model', model, '--backend', 'wasm', '--k', '5']);
    expect(text.stdout).toMatch(/-ELBO +\d+\.\d\d +\(reconstruction/);
    const json = await run(['eval', '--model', model, '--backend', 'wasm', '--k', '5', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ dataset: 'mnist', examples: 200, iwae: { k: 5 } });
  });

  it('doctor names the backends, why one is missing, and the dataset sources', async () => {
    const result = await run(['doctor', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    const wasm = report.backends.find((b: { name: string }) => b.name === 'wasm');
    expect(wasm).toMatchObject({ available: true });
    expect(wasm.detail).toMatch(/\d+ threads?, SIMD on/);
    const node = report.backends.find((b: { name: string }) => b.name === 'node');
    if (!node.available) expect(node.fix).toMatch(/tfjs-node/);
    expect(report.auto).toBe(node.available ? 'node' : 'wasm');
    expect(report.datasets.find((d: { id: string }) => d.id === 'mnist')).toMatchObject({ found: true });
  });

  it('score writes one row per test example, and classify the posterior per class with flags', async () => {
    const scores = join(dir, 'scores.csv');
    const scored = await run(['score', '--model', model, '--backend', 'wasm', '--k', '4', '--test-size', '50', '--out', scores, '--json']);
    expect(scored.code, scored.stderr).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ examples: 50, k: 4 });
    const lines = (await readFile(scores, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('index,neg_elbo,nll');
    expect(lines).toHaveLength(51);
    expect(lines.slice(1).every((l) => /^\d+,\d+\.\d{3},\d+\.\d{3}$/.test(l))).toBe(true);
    const posterior = join(dir, 'posterior.csv');
    const classified = await run(['classify', '--model', model, '--backend', 'wasm', '--k', '2', '--test-size', '30', '--flags', '5', '--out', posterior, '--json']);
    expect(classified.code, classified.stderr).toBe(0);
    const summary = JSON.parse(classified.stdout);
    expect(summary.examples).toBe(30);
    expect(summary.accuracy).toBeGreaterThan(0.1); // better than one class in ten, even for this tiny model
    expect(summary.flags).toHaveLength(5);
    // Flags rank by log p(label|x) (no ties from a posterior that underflows), least probable first.
    const logs = summary.flags.map((f: { logPLabel: number }) => f.logPLabel);
    expect(logs).toEqual([...logs].sort((a, b) => a - b));
    for (const f of summary.flags) expect(f.pLabel).toBeCloseTo(Math.exp(f.logPLabel), 4);
    const rows = (await readFile(posterior, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('index,label,predicted,p_label,p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9');
    const p = rows[1].split(',').slice(4).map(Number);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  });

  it('score --input scores an IDX file: -log p(x) over the classes, PNG bits and S(x) = -log2 p(x) - L(x); wrong input is refused', async () => {
    const mnist = resolveMnistDir();
    const out = join(dir, 'ood.csv');
    const scored = await run(['score', '--model', model, '--backend', 'wasm', '--k', '2', '--input', join(mnist, 't10k-images-idx3-ubyte'), '--test-size', '20', '--out', out, '--json']);
    expect(scored.code, scored.stderr).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ examples: 20, k: 2 });
    const [header, ...lines] = (await readFile(out, 'utf8')).trim().split('\n');
    expect(header).toBe('index,nll_marginal,nll_best,best_class,complexity_bits,corrected_bits');
    expect(lines).toHaveLength(20);
    for (const line of lines) {
      const [, marginal, best, , bits, corrected] = line.split(',').map(Number);
      // max_c p(x|c) >= p(x) = Σ p(c) p(x|c) >= p(c*) p(x|c*), p(c*) ~ 1/10 (training frequencies)
      expect(marginal).toBeGreaterThanOrEqual(best - 1e-2);
      expect(marginal).toBeLessThanOrEqual(best + 2.5);
      expect(bits).toBeGreaterThan(8 * 67); // more than a PNG's fixed chunks
      expect(corrected).toBeCloseTo(marginal / Math.LN2 - bits, 1);
    }
    // With labels: the given-condition columns too.
    const labelled = await run(['score', '--model', model, '--backend', 'wasm', '--k', '2', '--input', join(mnist, 't10k-images-idx3-ubyte'), '--labels', join(mnist, 't10k-labels-idx1-ubyte'),
      '--ood', '--test-size', '5', '--out', out]);
    expect(labelled.code, labelled.stderr).toBe(0);
    expect((await readFile(out, 'utf8')).split('\n')[0]).toBe('index,neg_elbo,nll,nll_marginal,nll_best,best_class,complexity_bits,corrected_bits');
    // 3 images of 10x10: the wrong size, named with the file.
    const small = join(dir, 'small-idx3-ubyte');
    await writeFile(small, Buffer.concat([Buffer.from([0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 10, 0, 0, 0, 10]), Buffer.alloc(300)]));
    const wrong = await run(['score', '--model', model, '--backend', 'wasm', '--input', small, '--out', out]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.trim()).toMatch(/small-idx3-ubyte: images are 10x10; the model takes 28x28; fix: give images of 28x28 pixels$/);
    const mismatched = await run(['score', '--model', model, '--backend', 'wasm', '--input', join(mnist, 't10k-images-idx3-ubyte'), '--labels', join(mnist, 'train-labels-idx1-ubyte'), '--out', out]);
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toMatch(/train-labels-idx1-ubyte: 60000 labels for the 10000 images of .*t10k-images-idx3-ubyte/);
  });

  it('inpaint writes masked input, completions and original per image, and refuses a mask that hides everything', async () => {
    const out = join(dir, 'inpaint.png');
    const result = await run(['inpaint', '--model', model, '--backend', 'wasm', '--n', '3', '--draws', '2', '--iterations', '10', '--test-size', '10', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const png = PNG.sync.read(await readFile(out));
    expect([png.width, png.height]).toEqual([(1 + 2 + 1) * 30 + 2, 3 * 30 + 2]);
    const bad = await run(['inpaint', '--model', model, '--backend', 'wasm', '--mask', 'random', '--fraction', '1', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fraction must be between 0 and 1/);
  });

  it('train --config reads YAML, lets flags win, and refuses an unknown key with the nearest name', async () => {
    const config = join(dir, 'train.yaml');
    await writeFile(config, 'dataset: mnist\nepochs: 3\nhidden: [16]\nlatent: 2\ntrain-size: 128\ntest-size: 32\nbackend: wasm\n');
    const out = join(dir, 'from-config');
    const result = await run(['train', '--config', config, '--epochs', '1', '--quiet', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 epochs/); // the flag won over the file's 3
    const manifest = JSON.parse(await readFile(join(out, 'model', 'model.json'), 'utf8'));
    expect(manifest.config.encoderHidden).toEqual([16]);
    await writeFile(config, 'dataset: mnist\nlatnet: 2\n');
    const bad = await run(['train', '--config', config, '--out', join(dir, 'never')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown setting "latnet"; fix: did you mean "latent"\?/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
