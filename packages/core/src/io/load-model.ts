import * as tf from '@tensorflow/tfjs-core';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelManifest } from './manifest.js';
import { ModelFormatError } from './model-format-error.js';
import { sha256Hex } from './sha256.js';

/**
 * Rebuilds a model from a manifest (parsed JSON) and its weights, on the active backend.
 * Checks the format and version, the configuration, the checksum and every tensor's shape;
 * `source` names where the artifact came from in error messages.
 *
 * @example
 * ```ts
 * const model = await loadModel(JSON.parse(await readFile('model/model.json', 'utf8')), await readFile('model/weights.bin'));
 * ```
 */
export async function loadModel(manifest: unknown, weights: Uint8Array, source = 'model'): Promise<Cvae> {
  const m = checkManifest(manifest, source);
  if (weights.byteLength !== m.weights.byteLength) {
    throw new ModelFormatError(
      `${source}/${m.weights.file}: expected ${m.weights.byteLength} bytes, found ${weights.byteLength}. Fix: copy the weights file again; it is truncated or from another model.`,
    );
  }
  const found = await sha256Hex(weights);
  if (found !== m.weights.sha256) {
    throw new ModelFormatError(
      `${source}/${m.weights.file}: checksum mismatch (expected sha256 ${m.weights.sha256}, found ${found}). Fix: the file is corrupted or belongs to another model.json; save the model again.`,
    );
  }
  const model = new Cvae(parseModelConfig(m.config));
  const variables = model.variables();
  if (variables.length !== m.weights.entries.length) {
    model.dispose();
    throw new ModelFormatError(`${source}: the manifest lists ${m.weights.entries.length} tensors, the configuration needs ${variables.length}.`);
  }
  variables.forEach((v, i) => {
    const entry = m.weights.entries[i];
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.shape.join('x') !== v.shape.join('x') || entry.offset + size * 4 > weights.byteLength) {
      model.dispose();
      throw new ModelFormatError(`${source}: tensor ${entry.name} has shape [${entry.shape}], the configuration needs [${v.shape}].`);
    }
    // Copy into an aligned buffer: the offset inside a file buffer need not be a multiple of 4.
    const values = new Float32Array(weights.slice(entry.offset, entry.offset + size * 4).buffer);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape, 'float32')));
  });
  return model;
}

function checkManifest(manifest: unknown, source: string): ModelManifest {
  const m = manifest as Partial<ModelManifest> | null;
  if (m === null || typeof m !== 'object' || m.format !== MODEL_FORMAT) {
    throw new ModelFormatError(`${source}: not a cvae model manifest (expected "format": "${MODEL_FORMAT}").`);
  }
  if (typeof m.formatVersion !== 'number' || m.formatVersion > MODEL_FORMAT_VERSION) {
    throw new ModelFormatError(
      `${source}: format version ${m.formatVersion} is newer than this reader (${MODEL_FORMAT_VERSION}). Fix: upgrade @cvae/core.`,
    );
  }
  if (m.config === undefined || m.weights === undefined || !Array.isArray(m.weights.entries)) {
    throw new ModelFormatError(`${source}: the manifest lacks "config" or "weights".`);
  }
  return m as ModelManifest;
}
