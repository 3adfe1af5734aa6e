import * as tf from '@tensorflow/tfjs-core';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import { CvaeError } from '../errors/cvae-error.js';
import type { ModelConfig } from '../model/config.js';
import { likelihoodOf } from '../likelihood/registry.js';
import { checkManifest } from './check-manifest.js';
import { MANIFEST_FILE, type ModelManifest } from './manifest.js';
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
  const m = checkManifest(manifest, `${source}/${MANIFEST_FILE}`);
  const file = `${source}/${m.weights.file}`;
  if (weights.byteLength !== m.weights.byteLength) {
    throw new ModelFormatError(`${file}: expected ${m.weights.byteLength} bytes, found ${weights.byteLength}`, 'copy the weights file again; it is truncated or from another model');
  }
  const found = await sha256Hex(weights);
  if (found !== m.weights.sha256) {
    throw new ModelFormatError(
      `${file}: checksum mismatch (expected sha256 ${m.weights.sha256}, found ${found})`,
      'the file is corrupted or belongs to another model.json; save the model again',
    );
  }
  const model = buildModel(m, source);
  const variables = model.variables();
  if (variables.length !== m.weights.entries.length) {
    model.dispose();
    throw new ModelFormatError(`${source}/${MANIFEST_FILE}: the manifest lists ${m.weights.entries.length} tensors, the configuration needs ${variables.length}`);
  }
  variables.forEach((v, i) => {
    const entry = m.weights.entries[i];
    const size = entry.shape.reduce((a, b) => a * b, 1);
    if (entry.shape.join('x') !== v.shape.join('x')) {
      model.dispose();
      throw new ModelFormatError(`${source}/${MANIFEST_FILE}: tensor ${entry.name} has shape [${entry.shape}], the configuration needs [${v.shape}]`);
    }
    // Copy into an aligned buffer: the offset inside a file buffer need not be a multiple of 4.
    const values = new Float32Array(weights.slice(entry.offset, entry.offset + size * 4).buffer);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape, 'float32')));
  });
  return model;
}

/**
 * The model the manifest's config describes, built only when the weights file is big enough
 * for it: a tampered config (say a 10^6-wide layer) must not allocate gigabytes first.
 */
function buildModel(m: ModelManifest, source: string): Cvae {
  const place = `${source}/${MANIFEST_FILE}`;
  let config: ModelConfig;
  try {
    config = parseModelConfig(m.config);
  } catch (error) {
    throw new ModelFormatError(`${place}: "config" is invalid: ${CvaeError.is(error) ? error.detail : String(error)}`, 'save the model again; the manifest was edited or is damaged');
  }
  const needed = minimumParameters(config);
  if (needed * 4 > m.weights.byteLength) {
    throw new ModelFormatError(`${place}: "config" needs at least ${needed} parameters (${needed * 4} bytes), but the weights hold ${m.weights.byteLength} bytes`, 'the config and the weights do not belong together; save the model again');
  }
  return new Cvae(config);
}

/**
 * A lower bound of a config's parameter count, cheap to compute: the dense weights of an MLP, the
 * output biases of a conv net, the posterior head's bias of a sequence model (whose sizes depend
 * on the vocabulary and embedding, not on the MLP widths).
 */
function minimumParameters(config: ModelConfig): number {
  const { inputSize, conditionSize, latentSize, encoderHidden, decoderHidden } = config;
  if (config.architecture.kind === 'conv') return inputSize + 2 * latentSize;
  if (config.architecture.kind === 'sequence') return 2 * latentSize;
  const dense = (sizes: number[]) => sizes.slice(1).reduce((n, out, i) => n + sizes[i] * out, 0);
  return dense([inputSize + conditionSize, ...encoderHidden, 2 * latentSize]) + dense([latentSize + conditionSize, ...decoderHidden, likelihoodOf(config.likelihood).outputs(config.likelihood, inputSize)]);
}
