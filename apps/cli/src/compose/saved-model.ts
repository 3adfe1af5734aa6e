import type { Cvae, ModelManifest } from '@cvae/core';
import { Container } from 'inversify';
import { readModelDir } from '../output/model-dir.js';
import { installBackend } from './backends.js';

/** What every command that reads a saved model takes; dataset flags (e.g. `csv`) may replace the stored ones. */
export interface SavedModelOptions {
  readonly model: string;
  readonly backend: string;
  /** `--threads`: the backend's pool size (unset: the backend's default). */
  readonly threads?: number;
  /** `--inter-op-threads` (node only). */
  readonly interOpThreads?: number;
  readonly [datasetFlag: string]: unknown;
}

/**
 * Runs `job` on a saved model: initialises the chosen backend (notes on stderr), loads
 * `options.model`, and frees the model afterwards, whatever `job` does.
 *
 * @example
 * ```ts
 * await withSavedModel({ model: 'runs/x/model', backend: 'auto' }, async (model, manifest) => { ... });
 * ```
 */
export async function withSavedModel<T>(options: { model: string; backend: string; threads?: number; interOpThreads?: number }, job: (model: Cvae, manifest: ModelManifest) => Promise<T>): Promise<T> {
  await installBackend(new Container(), { name: options.backend, threads: options.threads, interOpThreads: options.interOpThreads }, (line) => process.stderr.write(`${line}\n`));
  const { model, manifest } = await readModelDir(options.model);
  try {
    return await job(model, manifest);
  } finally {
    model.dispose();
  }
}
