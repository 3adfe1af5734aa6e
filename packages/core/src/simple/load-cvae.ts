import type { Backend } from '../backend/backend.js';
import { loadModel } from '../io/load-model.js';
import type { ModelManifest } from '../io/manifest.js';
import { CvaeModel } from './cvae-model.js';

/** Options of {@link loadCvae}. */
export interface LoadCvaeOptions {
  /** The backend to run on; `loadCvae` calls its `init()` before creating any weight. */
  readonly backend: Backend;
  /** Names the artifact in error messages (e.g. its directory). */
  readonly source?: string;
}

/**
 * Rebuilds a model saved by `CvaeModel.save()` (or the CLI's `model.json` + `weights.bin`): checks
 * format, version, checksum and shapes, and keeps the dataset spec so `sample({ digit: 3 }, n)`
 * works as after training.
 *
 * @throws ModelFormatError when the manifest or weights are not a valid model
 *
 * @example
 * ```ts
 * const manifest = JSON.parse(await readFile('model.json', 'utf8'));
 * const model = await loadCvae(manifest, await readFile('weights.bin'), { backend: wasmBackend() });
 * model.sample({ digit: 3 }, 10);
 * ```
 */
export async function loadCvae(manifest: unknown, weights: Uint8Array, options: LoadCvaeOptions): Promise<CvaeModel> {
  await options.backend.init();
  const cvae = await loadModel(manifest, weights, options.source);
  const dataset = (manifest as ModelManifest).dataset;
  return new CvaeModel(cvae, dataset && { id: dataset.id, spec: dataset.spec });
}
