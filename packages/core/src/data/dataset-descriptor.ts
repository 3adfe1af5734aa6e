import type { ContainerModule } from 'inversify';
import type { Cvae } from '../model/cvae.js';
import type { DatasetAdapter } from './dataset.js';

/** How an app shows samples of a dataset: a grid of images, rows of a table, or lines of text. */
export type DatasetPresentation = 'image-grid' | 'records' | 'text';

/** Text files saved beside `model.json` (file name → content), e.g. a fitted tabular encoder. */
export type SavedFiles = Readonly<Record<string, string>>;

/**
 * A command-line flag a dataset understands beyond the common data flags (`dataDir`,
 * `trainSize`, `testSize`). Apps register it and pass its value under `name` to `module()`.
 */
export interface DatasetFlag {
  /** Option key, camelCase: `csv` is `--csv`, `textColumn` is `--text-column`. */
  readonly name: string;
  /** Placeholder of the value in help, e.g. `<file>`; none for a switch. */
  readonly value?: string;
  readonly description: string;
  /** Turns the flag's text into its value; throws a `CvaeError` naming the problem. */
  readonly parse?: (text: string) => unknown;
  readonly default?: unknown;
  /** Says where the data lives (e.g. `--csv`): may be given again to a saved model's commands when the data moved. */
  readonly locatesData?: boolean;
}

/**
 * Where a saved model's data came from, stored in its manifest, so that `eval` can rebuild the
 * dataset and `sample` knows how to present samples without looking at anything else.
 */
export interface DatasetSource {
  /** The descriptor's id (`mnist`, `tabular`, or a plugin's id). */
  readonly descriptor: string;
  /** How samples are shown. */
  readonly present: DatasetPresentation;
  /** The module specifier of a third-party plugin (absolute path or package name). */
  readonly plugin?: string;
  /** The dataset flags the model was trained with (JSON values). */
  readonly options: Readonly<Record<string, unknown>>;
  /** Trained with the condition replaced by a constant (the plain-VAE baseline). */
  readonly unconditioned?: boolean;
  /** Names of the files `saveBeside` wrote next to model.json (plain names, no folders). */
  readonly files?: readonly string[];
}

/** Turns rows of x and c back into typed records (tabular data), without the source data. */
export interface RecordDecoder {
  /** Column names, in the order records should be written. */
  readonly columns: readonly string[];
  /** Turns encoded rows of x (with their conditions c) back into records keyed by column name. */
  decode(x: Float32Array, c: Float32Array): readonly Readonly<Record<string, unknown>>[];
  /**
   * Draws one record per row of `conditions` the dataset's own way (e.g. with its constraints, and
   * `given`: values of generated columns fixed at sampling time, in the dataset's `COL=VALUE` syntax),
   * with lines saying how well the request was honoured. Absent: apps decode `sampleData` output.
   */
  synthesize?(model: Cvae, conditions: Float32Array, options: { readonly seed: number; readonly given?: string }): SynthesizedRecords;
}

/** What {@link RecordDecoder.synthesize} returns: records to write and lines to print. */
export interface SynthesizedRecords {
  readonly records: readonly Readonly<Record<string, unknown>>[];
  readonly lines: readonly string[];
}

/** Where a dataset's source data is, as a doctor command reports it. */
export interface DatasetLocation {
  readonly found: boolean;
  /** The directory or file found, or what was tried. */
  readonly where: string;
  /** What to install or pass when it is not found. */
  readonly fix?: string;
}

/** What a dataset adds after training: extra files for the run folder and lines to print. */
export interface DatasetReport {
  readonly files: SavedFiles;
  readonly lines: readonly string[];
  /** Pictures as Vega-Lite specs (file name → spec), for apps that render them, e.g. `histograms.png`. */
  readonly charts?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Everything an app needs from a dataset, in one place: its flags, how to build its adapter, the
 * files it saves beside a model, how to rebuild a decoder or the adapter from a saved model, and
 * how its samples are presented. Built-in datasets ship one in `@cvae/datasets`; a plugin exports
 * its own as `descriptor`. Apps go through this door only: they never look at an adapter's class.
 *
 * @example
 * ```ts
 * export const descriptor: DatasetDescriptor = {
 *   id: 'shapes',
 *   description: '16x16 shapes (circle, square, triangle), generated',
 *   present: 'image-grid',
 *   module: (options) => shapesModule(options),
 * };
 * ```
 */
export interface DatasetDescriptor {
  readonly id: string;
  /** One line for `--help` and listings. */
  readonly description: string;
  readonly present: DatasetPresentation;
  /** Flags beyond the common data flags. */
  readonly flags?: readonly DatasetFlag[];
  /** Training flags this dataset prefers when the user set none (e.g. `{ latent: 16 }`). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** The inversify module binding `TOKENS.Dataset`, from flag values (common and own). */
  module(options: Readonly<Record<string, unknown>>): ContainerModule;
  /**
   * Epochs when `--epochs` is not given, once the training split's size and the width of an
   * encoded example (`inputSize`, the model's x) are known.
   */
  defaultEpochs?(trainSize: number, batchSize: number, inputSize: number): number;
  /** Lines describing what `load()` found (kinds of columns, dropped rows, ...). */
  describe?(adapter: DatasetAdapter): readonly string[];
  /**
   * Held-out rows to choose when to stop (early stopping on their -ELBO), as a dataset whose
   * `test` split they are; undefined when the loaded adapter holds none (train every epoch).
   */
  validation?(adapter: DatasetAdapter): DatasetAdapter | undefined;
  /** Files to save beside the model so it can be used without the source data. */
  saveBeside?(adapter: DatasetAdapter): SavedFiles;
  /** A decoder of samples from the files `saveBeside` wrote (for `present: 'records'`). */
  restore?(files: SavedFiles): RecordDecoder;
  /** Throws a `CvaeError` when a rebuilt adapter does not encode data as the saved model expects. */
  verify?(adapter: DatasetAdapter, files: SavedFiles): void;
  /** Whether the data can be found here without downloading, for a doctor command. */
  locate?(options: Readonly<Record<string, unknown>>): Promise<DatasetLocation>;
  /** After training: extra outputs such as synthetic rows and a quality report. */
  report?(model: Cvae, adapter: DatasetAdapter, seed: number): DatasetReport;
}
