import { HostAdam } from '@cvae/core';

/**
 * Adam for the tensorflow backend: core's `HostAdam`, one JavaScript pass per variable (read the
 * weights and the gradient, `adamStep`, upload once). tfjs's Adam runs ~14 TensorFlow ops per
 * variable, each a binding call with its own allocation; measured on the reference CVAE (8
 * variables, 650k weights), interleaved in one process: 11.4 ms per update with tf.train.adam,
 * 6.8 ms with this (bench/node-adam-ab.mjs). A class of its own so the registration reads plainly.
 *
 * @example
 * ```ts
 * registerAdam('tensorflow', (settings) => new NativeHostAdam(settings)); // in nodeBackend().init()
 * ```
 */
export class NativeHostAdam extends HostAdam {}
