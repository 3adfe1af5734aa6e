import { describe, expect, it } from 'vitest';
import { parseTrainOptions } from '../train/train-options.js';
import { parseModelConfig } from './config.js';

describe('parseModelConfig', () => {
  it('fills the defaults', () => {
    expect(parseModelConfig({ inputSize: 784, conditionSize: 10 })).toMatchObject({ latentSize: 20, encoderHidden: [400], decoderHidden: [400], activation: 'relu' });
  });

  it.each([
    [{ latentSize: 0 }, /latentSize: latentSize must be at least 1 \(found 0\)/],
    [{ encoderHidden: [] }, /encoderHidden: encoderHidden needs at least one layer/],
    [{ decoderHidden: [400, -3] }, /decoderHidden\.1: decoderHidden\[i\] must be at least 1/],
    [{ latentSize: 2.5 }, /latentSize: latentSize must be an integer/],
  ])('refuses %j naming the field and the allowed range', (bad, message) => {
    expect(() => parseModelConfig({ inputSize: 784, conditionSize: 10, ...bad })).toThrow(message);
  });
});

describe('parseModelConfig: architecture and activation', () => {
  it('defaults to the mlp architecture and fills the conv defaults ([h, w] means one channel)', () => {
    expect(parseModelConfig({ inputSize: 784, conditionSize: 10 }).architecture).toEqual({ kind: 'mlp' });
    expect(parseModelConfig({ inputSize: 784, conditionSize: 10, architecture: { kind: 'conv', imageShape: [28, 28] } }).architecture).toEqual({
      kind: 'conv',
      imageShape: [28, 28, 1],
      channels: [32, 64],
      kernelSize: 4,
    });
  });

  it.each([
    [{ architecture: { kind: 'conv', imageShape: [28, 27, 1] } }, /architecture\.imageShape: imageShape \[28, 27, 1\] holds 756 values, but inputSize is 784/],
    [{ architecture: { kind: 'conv', imageShape: [784] } }, /architecture\.imageShape: imageShape must be \[height, width\] or \[height, width, channels\]/],
    [{ architecture: { kind: 'conv', imageShape: [28, 28], channels: [] } }, /architecture\.channels: channels needs at least one conv layer/],
    [{ architecture: { kind: 'conv', imageShape: [28, 28], kernelSize: 0 } }, /architecture\.kernelSize: architecture\.kernelSize must be at least 1/],
    [{ architecture: { kind: 'transformer' } }, /architecture\.kind/],
    [{ activation: 'gelu' }, /activation: .*relu.*linear.*elu.*tanh.*leaky_relu/],
  ])('refuses %j naming the field', (bad, message) => {
    expect(() => parseModelConfig({ inputSize: 784, conditionSize: 10, ...(bad as object) })).toThrow(message);
  });

  it('accepts every activation', () => {
    for (const activation of ['relu', 'linear', 'elu', 'tanh', 'leaky_relu'] as const) {
      expect(parseModelConfig({ inputSize: 4, conditionSize: 2, activation }).activation).toBe(activation);
    }
  });
});

describe('parseTrainOptions', () => {
  it('refuses a negative beta and a zero learning rate', () => {
    expect(() => parseTrainOptions({ beta: -1 })).toThrow(/beta: beta must be >= 0 \(found -1\)/);
    expect(() => parseTrainOptions({ learningRate: 0 })).toThrow(/learningRate must be > 0/);
  });
});
