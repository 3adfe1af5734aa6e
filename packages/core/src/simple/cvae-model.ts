import type { DatasetSpec } from '../data/dataset.js';
import { repeatRows } from '../data/repeat-rows.js';
import { CvaeError } from '../errors/cvae-error.js';
import { saveModel, type ModelArtifact } from '../io/save-model.js';
import type { Cvae } from '../model/cvae.js';
import { sampleData, sampleMeans } from '../sample/sample.js';
import type { EpochEvent } from '../train/events.js';
import { conditionRow, type ConditionInput } from './condition-values.js';

/** Options of {@link CvaeModel.sample}. */
export interface SampleOptions {
  /** Seed of the latent draws (and of x ~ p(x|z,c) for `draw: 'data'`); the same seed gives the same samples. Default 0. */
  readonly seed?: number;
  /**
   * `'means'` (default): the mean of p(x|z,c), e.g. pixel probabilities — the usual way to show
   * images. `'data'`: whole examples drawn from p(x|z,c), e.g. table rows.
   */
  readonly draw?: 'means' | 'data';
}

/** The dataset a model was trained on, as recorded in its manifest. */
export interface ModelDataset {
  readonly id: string;
  readonly spec: DatasetSpec;
}

/**
 * A trained (or loaded) CVAE with the few operations most consumers need: sample for a
 * condition given by attribute name, save, dispose. Returned by {@link trainCvae} and
 * {@link loadCvae}; `cvae` gives the full model for everything else (`encodeMeans`, `evaluateElbo`, ...).
 *
 * @example
 * ```ts
 * const model = await trainCvae({ backend: wasmBackend(), dataset: new MnistAdapter(), epochs: 5 });
 * const threes = model.sample({ digit: 3 }, 10); // 10 x 784 pixel probabilities
 * const { manifest, weights } = await model.save();
 * model.dispose();
 * ```
 */
export class CvaeModel {
  /**
   * @param cvae - the network
   * @param dataset - the dataset it was trained on (gives condition names), when known
   * @param history - one event per trained epoch (empty for a loaded model)
   */
  constructor(
    readonly cvae: Cvae,
    readonly dataset: ModelDataset | undefined,
    readonly history: readonly EpochEvent[] = [],
  ) {}

  /** Length of one sample (x). */
  get inputSize(): number {
    return this.cvae.config.inputSize;
  }

  /**
   * Draws `count` samples for one condition, row-major `count * inputSize` values.
   *
   * @param condition - attribute values by name (`{ digit: 3 }`, `{ species: 'Gentoo', year: 2008 }`)
   *   or an encoded row of c
   * @param count - number of samples (rows)
   * @throws CvaeError for an unknown attribute or class, naming the allowed ones
   *
   * @example
   * ```ts
   * const pixels = model.sample({ digit: 7 }, 16, { seed: 1 }); // 16 x 784
   * ```
   */
  sample(condition: ConditionInput, count: number, options: SampleOptions = {}): Float32Array {
    if (!Number.isInteger(count) || count < 1) throw new CvaeError('sample', `count must be an integer >= 1, found ${count}`);
    const row = conditionRow(condition, this.dataset?.spec.condition, this.cvae.config.conditionSize);
    const conditions = repeatRows(row, count);
    const seed = options.seed ?? 0;
    return options.draw === 'data' ? sampleData(this.cvae, conditions, seed) : sampleMeans(this.cvae, conditions, seed);
  }

  /**
   * Serialises the model: a JSON manifest (config, dataset spec, training summary, checksum) and the
   * weights bytes, for the caller to store anywhere; {@link loadCvae} reads them back.
   *
   * @example
   * ```ts
   * const { manifest, weights } = await model.save();
   * await writeFile('model.json', JSON.stringify(manifest)); await writeFile('weights.bin', weights);
   * ```
   */
  async save(): Promise<ModelArtifact> {
    const last = this.history.at(-1);
    return saveModel(this.cvae, {
      ...(this.dataset && { dataset: this.dataset }),
      ...(last && { training: { epochs: last.epoch, trainLoss: last.train.loss, testNegElbo: last.test?.negElbo } }),
    });
  }

  /** Frees the model's weights. */
  dispose(): void {
    this.cvae.dispose();
  }
}
