import type { DatasetSpec } from '../data/dataset.js';
import type { DatasetSource } from '../data/dataset-descriptor.js';
import type { ModelConfig } from '../model/config.js';

/** The `format` field of every model manifest. */
export const MODEL_FORMAT = 'cvae-model';
/** Bump when the manifest or weight layout changes; readers refuse newer versions. */
export const MODEL_FORMAT_VERSION = 1;
/** Conventional file name of the manifest. */
export const MANIFEST_FILE = 'model.json';
/** Conventional file name of the weights. */
export const WEIGHTS_FILE = 'weights.bin';

/** One tensor's place in the weights file (little-endian float32, concatenated). */
export interface WeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32';
  /** Byte offset in the weights file. */
  readonly offset: number;
}

/** The JSON half of a model artifact. Plain data only: loading never executes anything from it. */
export interface ModelManifest {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: number;
  readonly createdBy: string;
  readonly config: ModelConfig;
  /** The data the model was trained on; `source` (written since 0.2) says how to rebuild and present it. */
  readonly dataset?: { readonly id: string; readonly spec: DatasetSpec; readonly source?: DatasetSource };
  /** Free-form training summary (epochs, final metrics, backend, ...). */
  readonly training?: Readonly<Record<string, unknown>>;
  readonly weights: {
    readonly file: string;
    readonly byteLength: number;
    readonly sha256: string;
    readonly entries: readonly WeightEntry[];
  };
}
