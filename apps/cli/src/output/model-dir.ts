import { loadModel, MANIFEST_FILE, type Cvae, type ModelArtifact, type ModelManifest } from '@cvae/core';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../usage-error.js';

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
  for (const [name, text] of Object.entries(extraFiles)) await writeFile(join(staging, name), text);
  await writeFile(join(staging, artifact.manifest.weights.file), artifact.weights);
  await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(artifact.manifest, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(staging, dir);
}

/**
 * Reads a model directory written by `writeModelDir` and rebuilds the model on the active backend.
 *
 * @example
 * ```ts
 * const { model, manifest } = await readModelDir('runs/x/model');
 * ```
 */
export async function readModelDir(dir: string): Promise<{ model: Cvae; manifest: ModelManifest }> {
  const manifestPath = join(dir, MANIFEST_FILE);
  let manifest: ModelManifest;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as ModelManifest;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no model at ${dir}: ${manifestPath} does not exist. Fix: pass the model/ directory written by \`cvae train\``
        : `${manifestPath} is not valid JSON (${(error as Error).message})`,
    );
  }
  const weightsPath = join(dir, manifest.weights?.file ?? 'weights.bin');
  const weights = await readFile(weightsPath).catch(() => {
    throw new UsageError(`${weightsPath} is missing. Fix: copy the whole model/ directory`);
  });
  return { model: await loadModel(manifest, new Uint8Array(weights), dir), manifest };
}
