/**
 * Registers tfjs-core's gradient functions (needed by `tf.variableGrads` and optimisers).
 * In the built package this file is replaced by a bundle (scripts/bundle-gradients.mjs) so that
 * it also works under plain Node, where tfjs-core's extension-less ESM file cannot be imported.
 *
 * tfjs-core itself is imported first, on purpose: the bundle carries its own copy of tfjs-core's
 * internals, and the global engine is created by whichever copy runs first. It must be the real
 * one, whose Tensor class has the chained methods (`t.clone()`, used by some gradients) wired up.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
