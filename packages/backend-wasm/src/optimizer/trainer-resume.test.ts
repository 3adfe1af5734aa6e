import { trainForResumeCheck, type TrainerRun } from '@cvae/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmBackend } from '../wasm-backend.js';

const same = (a: TrainerRun, b: TrainerRun) => Buffer.from(a.weights).equals(Buffer.from(b.weights));

// The Trainer on wasm (HeapAdam's moments copied out of and into the heap), with 1 thread and with
// the threaded build's 2; in this order, as registering the threaded build replaces the other.
describe.each([1, 2])('Trainer state() / restore() on wasm, %i thread(s)', (threads) => {
  beforeAll(() => wasmBackend({ threads }).init());

  it('a run saved and restored mid-epoch (step 13) ends with the unbroken run\'s weights bit for bit, leaking no tensor', async () => {
    const unbroken = await trainForResumeCheck();
    const resumed = await trainForResumeCheck(13);
    expect(same(resumed, unbroken)).toBe(true);
    expect(resumed.epochs.map((e) => [e.train, e.test])).toEqual(unbroken.epochs.map((e) => [e.train, e.test]));
    expect(resumed.tensorsAfter).toBe(resumed.tensorsBefore);
  });
});
