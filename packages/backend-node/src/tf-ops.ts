import * as tf from '@tensorflow/tfjs-core';

/** One attribute of a TensorFlow op, as tfjs-node's binding takes it. */
export interface TfOpAttr {
  readonly name: string;
  readonly type: number;
  readonly value: unknown;
}

/** The part of tfjs-node's binding this package uses: attribute kinds and dtype codes. */
interface TfBinding {
  readonly TF_ATTR_TYPE: number;
  readonly TF_ATTR_SHAPE: number;
  readonly TF_ATTR_STRING: number;
  readonly TF_ATTR_BOOL: number;
  readonly TF_ATTR_FLOAT: number;
  readonly TF_FLOAT: number;
}

/**
 * The part of tfjs-node's `NodeJSKernelBackend` that runs a TensorFlow op by name on eager tensors
 * (what its own kernels call). Not in tfjs's public types, so described here.
 */
interface TfNodeBackend {
  readonly binding: TfBinding;
  /** Returns an engine-tracked tensor (tfjs-node 4.22's `createOutputTensor` makes one), though typed as a TensorInfo. */
  executeSingleOutput(name: string, attrs: readonly TfOpAttr[], inputs: readonly tf.TensorInfo[]): tf.Tensor;
  executeMultipleOutputs(name: string, attrs: readonly TfOpAttr[], inputs: readonly tf.TensorInfo[], outputs: number): tf.Tensor[];
}

/**
 * Runs TensorFlow ops by name on the active tfjs-node backend, one binding call each, with no
 * tfjs-level reshapes or helper tensors around them. Outputs come back as tfjs tensors tracked by
 * the engine (so `tf.tidy` and `tf.memory()` see them). Only valid while 'tensorflow' is active.
 *
 * @example
 * ```ts
 * const ops = tfOps();
 * const y = ops.run('MatMul', [ops.float('T'), ops.bool('transpose_a', false), ops.bool('transpose_b', true)], [x, w]);
 * ```
 */
export function tfOps() {
  const backend = tf.backend() as unknown as TfNodeBackend;
  const { binding } = backend;
  return {
    float: (name = 'T'): TfOpAttr => ({ name, type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT }),
    bool: (name: string, value: boolean): TfOpAttr => ({ name, type: binding.TF_ATTR_BOOL, value }),
    number: (name: string, value: number): TfOpAttr => ({ name, type: binding.TF_ATTR_FLOAT, value }),
    string: (name: string, value: string): TfOpAttr => ({ name, type: binding.TF_ATTR_STRING, value }),
    shape: (name: string, value: readonly number[]): TfOpAttr => ({ name, type: binding.TF_ATTR_SHAPE, value }),
    /** An op with one output, as a tracked tensor. */
    run: <T extends tf.Tensor = tf.Tensor>(name: string, attrs: readonly TfOpAttr[], inputs: readonly tf.TensorInfo[]): T =>
      backend.executeSingleOutput(name, attrs, inputs) as T,
    /** An op with no outputs (e.g. a variable update). */
    effect: (name: string, attrs: readonly TfOpAttr[], inputs: readonly tf.TensorInfo[]): void =>
      void backend.executeMultipleOutputs(name, attrs, inputs, 0),
  };
}

/** The helpers {@link tfOps} returns. */
export type TfOps = ReturnType<typeof tfOps>;
