import '@tensorflow/tfjs-backend-cpu';
import { cpuBackend, Cvae, parseModelConfig, saveModel, sha256Hex, type ModelManifest } from '@cvae/core';
import { describeBadInputs, expectRefusal, type BadInputCase } from '@cvae/core/testing';
import fc from 'fast-check';
import { cp, mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSavedFiles } from '../../src/compose/dataset-door.js';
import { MAX_MANIFEST_BYTES, readModelDir, writeModelDir } from '../../src/output/model-dir.js';
import { runProgram } from '../../src/program.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- manifests edited by hand, as a user would

let root: string;
let good: string;
let manifest: ModelManifest;
let weights: Uint8Array;

beforeAll(async () => {
  await cpuBackend().init();
  root = await mkdtemp(join(tmpdir(), 'cvae-model-corpus-'));
  good = join(root, 'good');
  const model = new Cvae(parseModelConfig({ inputSize: 6, conditionSize: 2, latentSize: 2, encoderHidden: [3], decoderHidden: [3], seed: 1 }));
  const artifact = await saveModel(model, { training: { epochs: 1 } });
  model.dispose();
  await writeModelDir(good, artifact);
  ({ manifest, weights } = artifact);
});

afterAll(() => rm(root, { recursive: true, force: true }));

interface FolderCase extends BadInputCase {
  /** Damages the copy of a good model folder at `dir`. */
  readonly damage: (dir: string) => Promise<void>;
  /** Read the saved dataset files instead of the model (names from the manifest). */
  readonly savedFiles?: boolean;
}

const editManifest = (edit: (m: Json) => void) => async (dir: string) => {
  const m = JSON.parse(JSON.stringify(manifest)) as Json;
  edit(m);
  await writeFile(join(dir, 'model.json'), JSON.stringify(m));
};
const writeManifestText = (text: string) => async (dir: string) => writeFile(join(dir, 'model.json'), text);
const editWeights = (edit: (w: Uint8Array) => Uint8Array) => async (dir: string) => writeFile(join(dir, 'weights.bin'), edit(new Uint8Array(weights)));

const CASES: FolderCase[] = [
  { name: 'the folder does not exist', input: 'nowhere/model.json', says: /no model at .*nowhere: .*does not exist; fix: pass the model\/ directory/, damage: async (dir) => rm(dir, { recursive: true }) },
  { name: 'model.json missing', input: 'model.json', says: /does not exist/, damage: async (dir) => rm(join(dir, 'model.json')) },
  { name: 'weights.bin missing', input: 'weights.bin', says: /weights\.bin is missing; fix: copy the whole model\/ directory/, damage: async (dir) => rm(join(dir, 'weights.bin')) },
  { name: 'model.json empty', input: 'model.json', says: /model\.json: expected JSON, Unexpected end of JSON input/, damage: writeManifestText('') },
  { name: 'model.json is not JSON', input: 'model.json', says: /model\.json: expected JSON, Unexpected token/, damage: writeManifestText('format: cvae-model\nweights: weights.bin\n') },
  { name: 'model.json cut in half', input: 'model.json', says: /model\.json: expected JSON/, damage: async (dir) => writeFile(join(dir, 'model.json'), JSON.stringify(manifest).slice(0, 200)) },
  { name: 'model.json is an array', input: 'model.json', says: /expected a JSON object \(a cvae model manifest\), found \[1,2\]/, damage: writeManifestText('[1,2]') },
  { name: 'model.json is null', input: 'model.json', says: /expected a JSON object .*found null/, damage: writeManifestText('null') },
  { name: 'model.json is a number', input: 'model.json', says: /expected a JSON object .*found 42/, damage: writeManifestText('42') },
  { name: 'another format (a Keras model.json)', input: 'model.json', says: /not a cvae model manifest: expected "format": "cvae-model", found "layers-model"/, damage: editManifest((m) => (m.format = 'layers-model')) },
  { name: 'a newer format version', input: 'model.json', says: /format version 99 is newer than this reader \(1\); fix: upgrade @cvae\/core/, damage: editManifest((m) => (m.formatVersion = 99)) },
  { name: 'the format version as a string', input: 'model.json', says: /"formatVersion" must be a positive integer, found "1"/, damage: editManifest((m) => (m.formatVersion = '1')) },
  { name: 'no format version', input: 'model.json', says: /"formatVersion" must be a positive integer, found undefined/, damage: editManifest((m) => delete m.formatVersion) },
  { name: 'no config', input: 'model.json', says: /the manifest lacks "config" \(expected an object, found undefined\)/, damage: editManifest((m) => delete m.config) },
  { name: 'no weights section', input: 'model.json', says: /the manifest lacks "weights"/, damage: editManifest((m) => delete m.weights) },
  { name: 'an extra, misspelt field', input: 'model.json', says: /unknown field "wieghts" \(expected only .*\); did you mean "weights"\?/, damage: editManifest((m) => (m.wieghts = {})) },
  { name: 'an extra field in weights', input: 'model.json', says: /unknown field "weights.compression"; did you mean "weights\.\w+"\?/, damage: editManifest((m) => (m.weights.compression = 'zstd')) },
  { name: 'weights.file climbing out of the folder', input: 'model.json', says: /"weights\.file" must be a plain file name .*found "\.\.\/\.\.\/etc\/passwd"/, damage: editManifest((m) => (m.weights.file = '../../etc/passwd')) },
  { name: 'weights.file an absolute path', input: 'model.json', says: /"weights\.file" must be a plain file name .*found "\/etc\/passwd"/, damage: editManifest((m) => (m.weights.file = '/etc/passwd')) },
  { name: 'sha256 not a hash', input: 'model.json', says: /"weights\.sha256" must be 64 lowercase hex digits, found "abc"/, damage: editManifest((m) => (m.weights.sha256 = 'abc')) },
  { name: 'weight entries not an array', input: 'model.json', says: /"weights\.entries" must be an array, found \{\}/, damage: editManifest((m) => (m.weights.entries = {})) },
  { name: 'a float16 tensor', input: 'model.json', says: /"weights\.entries\[1\]"\.dtype must be "float32", found "float16"/, damage: editManifest((m) => (m.weights.entries[1].dtype = 'float16')) },
  { name: 'a gap between tensors', input: 'model.json', says: /"weights\.entries\[2\]"\.offset must be \d+ \(right after the previous tensor\), found \d+/, damage: editManifest((m) => (m.weights.entries[2].offset += 4)) },
  { name: 'a negative dimension', input: 'model.json', says: /"weights\.entries\[0\]"\.shape must be an array of non-negative integers, found \[-8,3\]/, damage: editManifest((m) => (m.weights.entries[0].shape = [-8, 3])) },
  { name: 'entries cover fewer bytes than byteLength', input: 'model.json', says: /the weight entries cover \d+ bytes but "weights\.byteLength" is \d+/, damage: editManifest((m) => (m.weights.byteLength += 8)) },
  { name: 'weights.bin truncated', input: 'weights.bin', says: /weights\.bin: expected \d+ bytes, found \d+; fix: copy the weights file again/, damage: editWeights((w) => w.subarray(0, w.length - 12)) },
  { name: 'weights.bin with bytes appended', input: 'weights.bin', says: /weights\.bin: \d+ bytes, more than the \d+ bytes the weights file its manifest describes may have; not read/, damage: editWeights((w) => Buffer.concat([w, new Uint8Array(16)])) },
  { name: 'weights.bin tampered (one byte)', input: 'weights.bin', says: /weights\.bin: checksum mismatch \(expected sha256 [0-9a-f]{64}, found [0-9a-f]{64}\)/, damage: editWeights((w) => w.map((b, i) => (i === 10 ? b ^ 1 : b))) },
  { name: 'shapes disagree with the config', input: 'model.json', says: /model\.json: tensor \S+ has shape \[8,3\], the configuration needs \[8,4\]/, damage: editManifest((m) => (m.config.encoderHidden = [4])) },
  { name: 'a config far larger than its weights (not built)', input: 'model.json', says: /"config" needs at least \d+ parameters \(\d+ bytes\), but the weights hold \d+ bytes/, damage: editManifest((m) => (m.config.inputSize = 1_000_000)) },
  { name: 'a config value out of range', input: 'model.json', says: /"config" is invalid: .*latentSize/, damage: editManifest((m) => (m.config.latentSize = 0)) },
  { name: 'a misspelt config field', input: 'model.json', says: /"config" is invalid: .*unknown field "latnetSize"/, damage: editManifest((m) => (m.config.latnetSize = 2)) },
  {
    name: 'one tensor fewer than the config needs',
    input: 'model.json',
    says: /the manifest lists 7 tensors, the configuration needs 8/,
    damage: async (dir) => {
      const m = JSON.parse(JSON.stringify(manifest)) as Json;
      const last = m.weights.entries.pop();
      const kept = weights.subarray(0, last.offset);
      Object.assign(m.weights, { byteLength: kept.length, sha256: await sha256Hex(kept) });
      await writeFile(join(dir, 'model.json'), JSON.stringify(m));
      await writeFile(join(dir, 'weights.bin'), kept);
    },
  },
  { name: 'a 1 GB model.json (sparse, never read)', input: 'model.json', says: new RegExp(`model\\.json: 1073741824 bytes, more than the ${MAX_MANIFEST_BYTES} bytes a model manifest may have; not read`), damage: async (dir) => truncate(join(dir, 'model.json'), 2 ** 30) },
  { name: 'model.json is a folder', input: 'model.json', says: /model\.json: expected a model manifest \(a file\), found a directory/, damage: async (dir) => { await rm(join(dir, 'model.json')); await mkdir(join(dir, 'model.json')); } },
  { name: 'weights.bin is a folder', input: 'weights.bin', says: /weights\.bin: expected the weights file its manifest describes \(a file\), found a directory/, damage: async (dir) => { await rm(join(dir, 'weights.bin')); await mkdir(join(dir, 'weights.bin')); } },
  { name: 'a saved dataset file named with a path', input: 'dataset.source.files', says: /names a file "\.\.\/\.\.\/secret\.json"; expected a plain file name/, savedFiles: true, damage: async () => undefined },
];

let counter = 0;
async function damagedCopy(c: FolderCase): Promise<string> {
  const dir = join(root, `case-${counter++}`, c.name.startsWith('the folder does not exist') ? 'nowhere' : 'model');
  await cp(good, dir, { recursive: true });
  await c.damage(dir);
  return dir;
}

describeBadInputs('model folders', CASES, async (c) => {
  const dir = await damagedCopy(c);
  if (c.savedFiles) return readSavedFiles({ descriptor: 'tabular', present: 'records', options: {}, files: ['../../secret.json'] }, dir);
  const { model } = await readModelDir(dir);
  model.dispose();
});

describe('model folders: no partial output, and properties (fast-check, seed 20261201)', () => {
  it('a command refused for a damaged model writes nothing at --out', async () => {
    const dir = await damagedCopy(CASES.find((c) => c.name === 'weights.bin tampered (one byte)')!);
    for (const command of [['sample', '--n', '2'], ['reconstruct'], ['interpolate']]) {
      const out = join(root, `never-${command[0]}.png`);
      const lines: string[] = [];
      const code = await runProgram([...command, '--model', dir, '--backend', 'cpu', '--out', out], (text) => lines.push(text));
      expect(code, lines.join('')).toBe(1);
      expect(lines.join('')).toMatch(/^\[cvae\] \[model\] .*weights\.bin: checksum mismatch .*\n$/);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('model.json with any byte changed loads the same model or is refused cleanly', async () => {
    const text = new TextEncoder().encode(JSON.stringify(manifest));
    const dir = join(root, 'flipped');
    await cp(good, dir, { recursive: true });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: text.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        await writeFile(join(dir, 'model.json'), text.map((b, i) => (i === at ? b ^ mask : b)));
        try {
          const { model } = await readModelDir(dir);
          // Accepted: only a change that means nothing (e.g. inside a name) may pass, and the weights are the saved ones.
          const loaded = new Float32Array(model.variables().flatMap((v) => Array.from(v.dataSync())));
          model.dispose();
          expect(Buffer.from(loaded.buffer).equals(Buffer.from(weights))).toBe(true);
        } catch {
          await expectRefusal(() => readModelDir(dir), 'flipped', /./);
        }
      }),
      { seed: 20261201, numRuns: 150 },
    );
  });

  it('weights.bin cut at any length is refused, naming the sizes', async () => {
    const dir = join(root, 'cut');
    await cp(good, dir, { recursive: true });
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: weights.length - 1 }), async (length) => {
        await writeFile(join(dir, 'weights.bin'), weights.subarray(0, length));
        await expectRefusal(() => readModelDir(dir), 'weights.bin', new RegExp(`expected ${weights.length} bytes, found ${length}`));
      }),
      { seed: 20261201, numRuns: 60 },
    );
    expect(await readFile(join(good, 'weights.bin'))).toEqual(Buffer.from(weights));
  });
});
