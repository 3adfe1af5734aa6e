import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { plugin, runCli as run } from './run-cli.js';
import { penguinsCsv } from './vega-csv.js';

// Every command reaches a dataset through its descriptor: eval and sample work for tables and
// plugins alike, and the way samples are written comes from the model's own manifest.

describe('the dataset door: tabular models', () => {
  let dir: string;
  let csv: string;
  let model: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvae-door-'));
    csv = await penguinsCsv(dir);
    const trained = await run(['train', '--dataset', 'tabular', '--csv', csv, '--condition', 'Species', '--epochs', '20', '--backend', 'wasm', '--out', join(dir, 'run')]);
    expect(trained.code, trained.stderr).toBe(0);
    model = join(dir, 'run', 'model');
  });

  it('cvae eval prints -ELBO and an IWAE NLL for a tabular model, rebuilding the table from the manifest', async () => {
    const result = await run(['eval', '--json', '--model', model, '--backend', 'wasm', '--k', '20']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.examples).toBe(67); // penguins' test split
    expect(Number.isFinite(report.negElbo)).toBe(true);
    expect(report.negElbo).toBeCloseTo(report.recon + report.kl, 3);
    expect(report.iwae.nll).toBeLessThan(report.negElbo + 1e-3);
  });

  it('refuses to evaluate on a table that encodes differently from the training one', async () => {
    const text = await readFile(csv, 'utf8');
    const changed = join(dir, 'changed.csv');
    await writeFile(changed, text.replaceAll('Torgersen', 'Elsewhere'));
    const result = await run(['eval', '--json', '--model', model, '--backend', 'wasm', '--k', '2', '--csv', changed]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^\[cvae\] \[tabular\] the table read now encodes differently .*pass the training CSV with --csv/);
  });

  it('cvae reconstruct, report and info work on the tabular model', async () => {
    const recon = join(dir, 'recon.csv');
    const reconstructed = await run(['reconstruct', '--model', model, '--backend', 'wasm', '--n', '4', '--out', recon]);
    expect(reconstructed.code, reconstructed.stderr).toBe(0);
    const [header, ...rows] = (await readFile(recon, 'utf8')).trim().split('\n');
    expect(header.startsWith('row,version,Species,')).toBe(true);
    expect(rows.map((r) => r.split(',').slice(0, 2).join(','))).toEqual(['1,original', '1,reconstruction', '2,original', '2,reconstruction', '3,original', '3,reconstruction', '4,original', '4,reconstruction']);
    const out = join(dir, 'quality.json');
    const reported = await run(['report', '--model', model, '--backend', 'wasm', '--out', out, '--json']);
    expect(reported.code, reported.stderr).toBe(0);
    const quality = JSON.parse(reported.stdout);
    expect(quality.overall).toBeGreaterThan(0);
    expect(quality.by.column).toBe('Species');
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(quality);
    const refused = await run(['classify', '--model', model, '--backend', 'wasm', '--out', join(dir, 'never.csv')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/classify needs a model conditioned on one class label/);
    const info = JSON.parse((await run(['info', '--model', model, '--json'])).stdout);
    expect(info).toMatchObject({ dataset: { id: 'tabular', source: { present: 'records' } }, config: { likelihood: { kind: 'mixed' } }, weights: { checksum: 'ok' } });
  });

  it('cvae sample writes records because the manifest says so, whatever files lie beside it', async () => {
    const out = join(dir, 'gentoo.csv');
    const result = await run(['sample', '--model', model, '--backend', 'wasm', '--condition', 'Species=Gentoo', '--n', '5', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const [header, ...rows] = (await readFile(out, 'utf8')).trim().split('\n');
    expect(header.split(',')[0]).toBe('Species');
    expect(rows).toHaveLength(5);
    const manifest = JSON.parse(await readFile(join(model, 'model.json'), 'utf8'));
    expect(manifest.dataset.source).toMatchObject({ descriptor: 'tabular', present: 'records', files: ['tabular.json'], options: { csv, condition: 'Species' } });
    expect(manifest.config.likelihood.kind).toBe('mixed');
  });
});

describe('the dataset door: plugin and image models', () => {
  it('cvae eval works for a plugin model from another working directory, with --plugin named by the user (never from the model folder)', async () => {
    expect(existsSync(plugin), `${plugin} is missing: build @cvae/plugin-sample first (npm test does)`).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'cvae-door-plugin-'));
    const trained = await run(['train', '--plugin', plugin, '--dataset', 'shapes', '--epochs', '1', '--train-size', '512', '--test-size', '100', '--backend', 'wasm', '--out', join(dir, 'run')]);
    expect(trained.code, trained.stderr).toBe(0);
    const refused = await run(['eval', '--json', '--model', join(dir, 'run', 'model'), '--backend', 'wasm', '--k', '5'], { cwd: tmpdir() });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^\[cvae\] \[cli\] .*model\.json was trained on the dataset "shapes" of the plugin ".*"; cvae never runs code named by a model folder; fix: name the plugin yourself: add --plugin /);
    const result = await run(['eval', '--json', '--model', join(dir, 'run', 'model'), '--plugin', plugin, '--backend', 'wasm', '--k', '5'], { cwd: tmpdir() });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dataset: 'shapes', examples: 100, iwae: { k: 5 } });
  });

  it('cvae sample writes an image grid for an image model even with a stray tabular.json beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cvae-door-image-'));
    const trained = await run(['train', '--dataset', 'mnist', '--epochs', '1', '--train-size', '256', '--test-size', '64', '--backend', 'wasm', '--out', join(dir, 'run')]);
    expect(trained.code, trained.stderr).toBe(0);
    const model = join(dir, 'copy');
    await cp(join(dir, 'run', 'model'), model, { recursive: true });
    await writeFile(join(model, 'tabular.json'), '{"not":"an encoder"}');
    const out = join(dir, 'grid.png');
    const result = await run(['sample', '--model', model, '--backend', 'wasm', '--n', '3', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const png = PNG.sync.read(await readFile(out));
    expect([png.width, png.height]).toEqual([3 * 30 + 2, 10 * 30 + 2]);
  });
});

describe('the CLI knows no dataset by its class', () => {
  it('has no instanceof TabularAdapter and no tabular.json outside the datasets package', async () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    const files = (await readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = await readFile(join(src, file), 'utf8');
      expect(text, file).not.toMatch(/instanceof TabularAdapter|tabular\.json/);
    }
  });
});
