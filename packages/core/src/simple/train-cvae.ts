import type { Backend } from '../backend/backend.js';
import { assertBackendCanTrain } from '../backend/assert-can-train.js';
import type { DatasetAdapter, LoadOptions } from '../data/dataset.js';
import { parseModelConfig, type ModelConfigInput } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import type { BatchEvent, EpochEvent } from '../train/events.js';
import { Trainer } from '../train/trainer.js';
import type { TrainOptionsInput } from '../train/train-options.js';
import { CvaeModel } from './cvae-model.js';

/** The model settings a caller may choose; sizes and likelihood come from the dataset spec. */
export type ModelSettings = Omit<ModelConfigInput, 'inputSize' | 'conditionSize'>;

/** Options of {@link trainCvae}: a backend, a dataset, and optionally training and model settings. */
export interface TrainCvaeOptions extends TrainOptionsInput {
  /** The compute backend; `trainCvae` calls its `init()` first. */
  readonly backend: Backend;
  /** The data; loaded by `trainCvae` unless `loadDataset` is false. */
  readonly dataset: DatasetAdapter;
  /** Call `dataset.load()` first (default true); pass false for an adapter you already loaded. */
  readonly loadDataset?: boolean;
  /** Passed to `dataset.load()` (abort signal, progress). */
  readonly loadOptions?: LoadOptions;
  /** Latent size, hidden widths, activation, architecture, prior, seed (default: 20 latents, 400 hidden). */
  readonly model?: ModelSettings;
  /** Called after every epoch (train loss, test -ELBO when `evaluate` is on). */
  readonly onEpoch?: (event: EpochEvent) => void;
  /** Called after every optimisation step. */
  readonly onBatch?: (event: BatchEvent) => void;
  /** Stops training after the current step; the model trained so far is returned. */
  readonly signal?: AbortSignal;
}

/**
 * Trains a CVAE on a dataset in one call, without dependency injection: initialises the backend,
 * loads the dataset, builds the model from `dataset.spec` (input and condition sizes, likelihood),
 * runs the trainer and returns a {@link CvaeModel}. For full control (events as an async iterable,
 * custom bindings) use `Trainer` or `coreModule()` instead.
 *
 * @throws BackendUnavailableError when the backend cannot start; ConfigError for invalid settings
 *
 * @example
 * ```ts
 * import { trainCvae } from '@cvae/core';
 * import { wasmBackend } from '@cvae/backend-wasm';
 * import { MnistAdapter } from '@cvae/datasets';
 *
 * const model = await trainCvae({
 *   backend: wasmBackend(),
 *   dataset: new MnistAdapter({ trainSize: 5000 }),
 *   epochs: 5,
 *   onEpoch: (e) => console.log(e.epoch, e.train.loss, e.test?.negElbo),
 * });
 * const threes = model.sample({ digit: 3 }, 10);
 * ```
 */
export async function trainCvae(options: TrainCvaeOptions): Promise<CvaeModel> {
  const { backend, dataset, loadDataset = true, loadOptions, model: settings, onEpoch, onBatch, signal, ...training } = options;
  await backend.init();
  if (loadDataset) await dataset.load(loadOptions);
  const { spec } = dataset;
  const config = parseModelConfig({
    likelihood: spec.likelihood,
    ...settings,
    inputSize: spec.input.size,
    conditionSize: spec.condition.size,
  });
  assertBackendCanTrain(config, backend);
  const cvae = new Cvae(config);
  const history: EpochEvent[] = [];
  let trainer: Trainer | undefined;
  try {
    trainer = new Trainer(cvae, dataset, training);
    for await (const event of trainer.run()) {
      if (event.type === 'batch') onBatch?.(event);
      else {
        history.push(event);
        onEpoch?.(event);
      }
      if (signal?.aborted) break;
    }
  } catch (error) {
    cvae.dispose();
    throw error;
  } finally {
    trainer?.dispose();
  }
  return new CvaeModel(cvae, { id: dataset.id, spec }, history);
}
