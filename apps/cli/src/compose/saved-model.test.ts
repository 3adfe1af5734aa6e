import { describe, expect, it, vi } from 'vitest';

const chosen: unknown[] = [];
let disposed = 0;
vi.mock('./backends.js', () => ({ installBackend: async (_container: unknown, choice: unknown) => void chosen.push(choice) }));
vi.mock('../output/model-dir.js', () => ({ readModelDir: async () => ({ model: { dispose: () => void (disposed += 1) }, manifest: {} }) }));
const { withSavedModel } = await import('./saved-model.js');

describe('withSavedModel', () => {
  it('hands --backend, --threads and --inter-op-threads to the backend it installs, and frees the model after the job', async () => {
    const result = await withSavedModel({ model: 'runs/x/model', backend: 'wasm', threads: 3, interOpThreads: 1 }, async () => 'done');
    expect(result).toBe('done');
    expect(chosen).toEqual([{ name: 'wasm', threads: 3, interOpThreads: 1 }]);
    expect(disposed).toBe(1);
  });
});
