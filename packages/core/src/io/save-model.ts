import type { DatasetSpec } from '../data/dataset.js';
import type { DatasetSource } from '../data/dataset-descriptor.js';
import type { Cvae } from '../model/cvae.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, WEIGHTS_FILE, type ModelManifest, type WeightEntry } from './manifest.js';
import { sha256Hex } from './sha256.js';

/** A model as two pieces that an app writes wherever it likes (files, IndexedDB, HTTP). */
export interface ModelArtifact {
  readonly manifest: ModelManifest;
  readonly weights: Uint8Array;
}

/** What to record beside the weights: the dataset (id, spec, source) and a training summary. */
export interface SaveModelOptions {
  readonly dataset?: { readonly id: string; readonly spec: DatasetSpec; readonly source?: DatasetSource };
  readonly training?: Readonly<Record<string, unknown>>;
}

/**
 * Serialises a model's configuration and weights (exact float32 copies) into an artifact.
 *
 * @example
 * ```ts
 * const { manifest, weights } = await saveModel(model, { dataset: { id: mnist.id, spec: mnist.spec } });
 * await writeFile('model/model.json', JSON.stringify(manifest)); await writeFile('model/weights.bin', weights);
 * ```
 */
export async function saveModel(model: Cvae, options: SaveModelOptions = {}): Promise<ModelArtifact> {
  const variables = model.variables();
  const arrays = await Promise.all(variables.map((v) => v.data() as Promise<Float32Array>));
  const byteLength = arrays.reduce((n, a) => n + a.byteLength, 0);
  const weights = new Uint8Array(byteLength);
  const entries: WeightEntry[] = [];
  let offset = 0;
  variables.forEach((v, i) => {
    weights.set(new Uint8Array(arrays[i].buffer, arrays[i].byteOffset, arrays[i].byteLength), offset);
    entries.push({ name: model.localName(v), shape: v.shape, dtype: 'float32', offset });
    offset += arrays[i].byteLength;
  });
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    createdBy: '@cvae/core',
    config: model.config,
    ...(options.dataset && { dataset: options.dataset }),
    ...(options.training && { training: options.training }),
    weights: { file: WEIGHTS_FILE, byteLength, sha256: await sha256Hex(weights), entries },
  };
  return { manifest, weights };
}
