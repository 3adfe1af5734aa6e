// Shared by the conv kernel tests: seeded inputs and the shape of one test case.
import { seededRandom } from '@cvae/core';

/** `n` seeded values uniform in [-1, 1). */
export function randomArray(n: number, seed: string): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: n }, () => random() * 2 - 1);
}

/** One convolution configuration checked against tfjs's cpu kernel. */
export interface ConvCase {
  /** The input of the forward convolution. */
  readonly x: [number, number, number, number];
  readonly filter: [number, number, number, number];
  readonly strides: number | [number, number];
  readonly pad: 'same' | 'valid' | number;
  readonly dataFormat?: 'NHWC' | 'NCHW';
}
