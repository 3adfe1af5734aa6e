/**
 * dL/dW of a 2-D convolution (NHWC, filter [kh, kw, in, out], no dilation) by direct summation in
 * float64: dW[a, b, i, o] = sum over batch n and output positions (p, q) of
 * x[n, p*s + a - top, q*s + b - left, i] * dy[n, p, q, o], zero outside x. The independent
 * reference for every backend's Conv2DBackpropFilter kernel.
 */
export function naiveConv2dBackpropFilter(
  x: ArrayLike<number>,
  xShape: readonly [number, number, number, number],
  dy: ArrayLike<number>,
  kernelSize: readonly [number, number],
  outChannels: number,
  stride: number,
  pad: 'same' | 'valid',
): Float64Array {
  const [batch, height, width, inChannels] = xShape;
  const [kh, kw] = kernelSize;
  const outH = pad === 'same' ? Math.ceil(height / stride) : Math.ceil((height - kh + 1) / stride);
  const outW = pad === 'same' ? Math.ceil(width / stride) : Math.ceil((width - kw + 1) / stride);
  // tfjs / TensorFlow 'same' padding: the odd pixel of padding goes to the bottom / right.
  const top = pad === 'same' ? Math.floor(Math.max(0, (outH - 1) * stride + kh - height) / 2) : 0;
  const left = pad === 'same' ? Math.floor(Math.max(0, (outW - 1) * stride + kw - width) / 2) : 0;
  const dw = new Float64Array(kh * kw * inChannels * outChannels);
  for (let n = 0; n < batch; n++) {
    for (let p = 0; p < outH; p++) {
      for (let q = 0; q < outW; q++) {
        for (let a = 0; a < kh; a++) {
          const r = p * stride + a - top;
          if (r < 0 || r >= height) continue;
          for (let b = 0; b < kw; b++) {
            const s = q * stride + b - left;
            if (s < 0 || s >= width) continue;
            for (let i = 0; i < inChannels; i++) {
              const xv = x[((n * height + r) * width + s) * inChannels + i];
              for (let o = 0; o < outChannels; o++) {
                dw[((a * kw + b) * inChannels + i) * outChannels + o] += xv * dy[((n * outH + p) * outW + q) * outChannels + o];
              }
            }
          }
        }
      }
    }
  }
  return dw;
}
