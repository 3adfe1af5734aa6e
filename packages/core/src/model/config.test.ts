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

describe('parseTrainOptions', () => {
  it('refuses a negative beta and a zero learning rate', () => {
    expect(() => parseTrainOptions({ beta: -1 })).toThrow(/beta: beta must be >= 0 \(found -1\)/);
    expect(() => parseTrainOptions({ learningRate: 0 })).toThrow(/learningRate must be > 0/);
  });
});
