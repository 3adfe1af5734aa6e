import 'reflect-metadata';
import * as tf from '@tensorflow/tfjs-core';
import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { installBackend } from './backends.js';

describe('installBackend', () => {
  it('auto takes node where tfjs-node loads and names TensorFlow, its library and both thread pools as asked; else says why and uses wasm', async () => {
    const notes: string[] = [];
    const backend = await installBackend(new Container(), { name: 'auto', threads: 2, interOpThreads: 1 }, (line) => notes.push(line));
    expect(tf.getBackend()).toBe(backend.name);
    if (process.env.CVAE_REQUIRE_NATIVE === '1') expect(backend.name).toBe('tensorflow');
    if (backend.name === 'tensorflow') {
      expect(notes).toEqual([expect.stringMatching(/^\[cvae\] backend node: TensorFlow \d+\.\d+\.\d+\S* \(\/\S+\), intra-op threads 2, inter-op threads 1$/)]);
    } else {
      expect(backend.name).toBe('wasm');
      expect(notes[0]).toMatch(/^\[cvae\] backend auto: node is unavailable \(.*tfjs-node.*\); using wasm\.$/);
    }
  });
});
