/**
 * Registers tfjs-core's gradient functions (needed by `tf.variableGrads` and optimisers).
 * In the built package this file is replaced by a bundle (scripts/bundle-gradients.mjs) so that
 * it also works under plain Node, where tfjs-core's extension-less ESM file cannot be imported.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
