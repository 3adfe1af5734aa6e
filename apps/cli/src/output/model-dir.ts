import { checkManifest, loadModel, MANIFEST_FILE, ModelFormatError, type Cvae, type ModelArtifact, type ModelManifest } from '@cvae/core';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../usage-error.js';
import { boundedSize, plainFileName } from './safe-files.js';

/**
 * Writes `dir/model.json`, `dir/weights.bin` and any `extraFiles` (e.g. a tabular encoder). All go to a sibling temporary directory first
 * and are renamed into place, so an interrupted save never leaves half a model behind.
 *
 * @example
 * ```ts
 * await writeModelDir('runs/x/model', await saveModel(model));
 * ```
 */
export async function writeModelDir(dir: string, artifact: ModelArtifact, extraFiles: Readonly<Record<string, string>> = {}): Promise<void> {
  const staging = `${dir}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const [name, text] of Object.entries(extraFiles)) await writeFile(join(staging, plainFileName(name, 'the dataset\'s saved files')), text);
  await writeFile(join(staging, artifact.manifest.weights.file), artifact.weights);
  await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(artifact.manifest, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
}

/** The largest model.json read (a tabular spec with many classes is a few MB; anything near this is not a manifest). */
export const MAX_MANIFEST_BYTES = 64 << 20;

/**
 * Reads and checks `dir/model.json` (size first, then JSON, then structure: see `checkManifest`)
 * without touching the weights. Only JSON is parsed: nothing in a model folder is ever run.
 *
 * @example
 * ```ts
 * const manifest = await readManifest('runs/x/model');
 * ```
 */
export async function readManifest(dir: string): Promise<ModelManifest> {
  const path = join(dir, MANIFEST_FILE);
  if ((await boundedSize(path, MAX_MANIFEST_BYTES, 'a model manifest')) === undefined) {
    throw new UsageError(`no model at ${dir}: ${path} does not exist`, { fix: 'pass the model/ directory written by `cvae train`' });
  }
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ModelFormatError(`${path}: expected JSON, ${(error as Error).message.split('\n')[0]}`, 'copy model.json again; it is damaged');
  }
  return checkManifest(parsed, path);
}

/**
 * Reads a model directory written by `writeModelDir` and rebuilds the model on the active backend.
 * The weights file's size is compared with the manifest's before it is read.
 *
 * @example
 * ```ts
 * const { model, manifest } = await readModelDir('runs/x/model');
 * ```
 */
export async function readModelDir(dir: string): Promise<{ model: Cvae; manifest: ModelManifest }> {
  const manifest = await readManifest(dir);
  const weightsPath = join(dir, manifest.weights.file);
  const size = await boundedSize(weightsPath, manifest.weights.byteLength, 'the weights file its manifest describes');
  if (size === undefined) throw new ModelFormatError(`${weightsPath} is missing`, 'copy the whole model/ directory');
  const weights = new Uint8Array(await readFile(weightsPath));
  return { model: await loadModel(manifest, weights, dir), manifest };
}
