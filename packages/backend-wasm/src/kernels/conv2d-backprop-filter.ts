import * as tf from '@tensorflow/tfjs-core';
import { disposeAll, run } from './run-kernel.js';

/** The attributes tfjs-core passes to Conv2DBackpropFilter (see `conv2DBackpropFilter` in tfjs-core). */
interface Conv2DBackpropFilterAttrs {
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly filterShape: [number, number, number, number];
}

/**
 * dL/dfilter of a 2-D convolution, for the wasm backend (tfjs registers none, so conv nets could
 * not train there). Built from wasm kernels as im2col + one plain matMul, dW = P dy, where
 * P [kh*kw*in, N] holds one row per filter tap (a, b, channel) and one column per output position
 * (N = outH*outW*batch, ordered (row, column, example)), and dy is [N, out] in the same order. So
 * that every tap's block of P is a plain slice, x is zero-padded (to a multiple of the stride) and
 * split once into stride phases, [sh, sw, in, H/sh, W/sw * batch]: tap (a, b) then reads phase
 * (a mod sh, b mod sw) from (a div sh, b div sw) on, in runs of outW*batch contiguous values. No
 * transposed matMul anywhere (wasm runs it ~17x slower, DESIGN.md "Known traps"), no strided
 * slice (wasm's takes ~50 ms for one tap of MNIST's second layer) and no 6-D transpose (~80 ms).
 * Supports strides, 'same' / 'valid' / explicit padding and NCHW; dilations are 1, as in tfjs's
 * Conv2D gradient. MNIST's second layer ([128, 14, 14, 32] -> [128, 7, 7, 64]) takes ~35 ms.
 */
export function conv2dBackpropFilter({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  const { batchSize, inChannels, inHeight, inWidth, outChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight: sh, strideWidth: sw, padInfo } = info;
  const channelsFirst = info.dataFormat === 'channelsFirst';
  const temporaries: tf.TensorInfo[] = [];
  const temporary = (t: tf.TensorInfo) => (temporaries.push(t), t);
  try {
    // Pad to cover every tap, rounded up to whole stride phases (the extra rows are never read).
    const height = Math.ceil((padInfo.top + inHeight + padInfo.bottom) / sh) * sh;
    const width = Math.ceil((padInfo.left + inWidth + padInfo.right) / sw) * sw;
    const [bottom, right] = [height - inHeight - padInfo.top, width - inWidth - padInfo.left];
    const spatialPad = [[padInfo.top, bottom], [padInfo.left, right]];
    const paddings = channelsFirst ? [[0, 0], [0, 0], ...spatialPad] : [[0, 0], ...spatialPad, [0, 0]];
    const padded = paddings.every(([p, q]) => p === 0 && q === 0) ? x : temporary(run('PadV2', backend, { x }, { paddings, constantValue: 0 }));
    // Phases [sh, sw, in, H', W', batch] from [batch, H', sh, W', sw, in] (or [batch, in, H', sh, W', sw]),
    // by three transposes of rank <= 4: wasm runs those ~10x faster than one 6-D transpose.
    const [hq, wq] = [height / sh, width / sw];
    const cells = hq * sh * wq * sw;
    const flat = temporary(run('Reshape', backend, { x: padded }, { shape: channelsFirst ? [batchSize, inChannels, cells] : [batchSize, cells, inChannels] }));
    let phases = temporary(run('Transpose', backend, { x: flat }, { perm: channelsFirst ? [1, 2, 0] : [2, 1, 0] })); // [in, H', sh, W', sw, batch]
    if (sw > 1) {
      const view = temporary(run('Reshape', backend, { x: phases }, { shape: [inChannels * hq * sh * wq, sw, batchSize] }));
      phases = temporary(run('Transpose', backend, { x: view }, { perm: [1, 0, 2] })); // [sw, in, H', sh, W', batch]
    }
    if (sh > 1) {
      const view = temporary(run('Reshape', backend, { x: phases }, { shape: [sw, inChannels * hq, sh, wq * batchSize] }));
      phases = temporary(run('Transpose', backend, { x: view }, { perm: [2, 0, 1, 3] })); // [sh, sw, in, H', W', batch]
    }
    const rows = temporary(run('Reshape', backend, { x: phases }, { shape: [sh * sw * inChannels, hq, wq * batchSize] }));
    const taps: tf.TensorInfo[] = [];
    for (let a = 0; a < filterHeight; a++) {
      for (let b = 0; b < filterWidth; b++) {
        const phase = (a % sh) * sw + (b % sw);
        const begin = [phase * inChannels, Math.floor(a / sh), Math.floor(b / sw) * batchSize];
        taps.push(temporary(run('Slice', backend, { x: rows }, { begin, size: [inChannels, outHeight, outWidth * batchSize] })));
      }
    }
    // Rows ordered (a, b, in): the layout of the filter [kh, kw, in, out].
    const stacked = temporary(run('Concat', backend, taps, { axis: 0 }));
    const n = outHeight * outWidth * batchSize;
    const p = temporary(run('Reshape', backend, { x: stacked }, { shape: [filterHeight * filterWidth * inChannels, n] }));
    const dyOrdered = temporary(run('Transpose', backend, { x: dy }, { perm: channelsFirst ? [2, 3, 0, 1] : [1, 2, 0, 3] }));
    const dy2d = temporary(run('Reshape', backend, { x: dyOrdered }, { shape: [n, outChannels] }));
    const product = temporary(run('BatchMatMul', backend, { a: p, b: dy2d }, { transposeA: false, transposeB: false }));
    return run('Reshape', backend, { x: product }, { shape: filterShape });
  } finally {
    disposeAll(backend, temporaries);
  }
}

/**
 * Registers `conv2dBackpropFilter` as tfjs's Conv2DBackpropFilter kernel for 'wasm' (the single- and
 * the multi-threaded build both register under that name). Idempotent; keeps a kernel tfjs may
 * register itself in a later version.
 *
 * @example
 * ```ts
 * registerWasmConv2dBackpropFilter(); // then tf.grad through tf.conv2d works on wasm
 * ```
 */
export function registerWasmConv2dBackpropFilter(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined) return;
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc });
}
