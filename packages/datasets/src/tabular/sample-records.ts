import { sampleData, type Cvae } from '@cvae/core';
import type { TabularEncoder } from './tabular-encoder.js';
import type { TabularRecord } from './values.js';

/**
 * Draws synthetic records from a trained tabular CVAE: for each condition row, z ~ p(z|c), then
 * x ~ p(x|z,c) under the model's (mixed) likelihood — core's `sampleData`: Gaussian columns
 * mean + sigma * noise, categorical columns a draw from the softmax (not the most likely class,
 * which would erase the diversity the quality report measures) — decoded back to typed records.
 *
 * @example
 * ```ts
 * const c = encodeCondition(attributes, { species: 'Gentoo' });
 * const rows = sampleRecords(model, encoder, repeatRows(c, 100), 0);
 * ```
 */
export function sampleRecords(model: Cvae, encoder: TabularEncoder, conditions: Float32Array, seed: number): TabularRecord[] {
  return encoder.decode(sampleData(model, conditions, seed), conditions);
}
