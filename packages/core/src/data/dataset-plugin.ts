import type { ContainerModule } from 'inversify';

/**
 * What an app passes to a dataset plugin's module factory: the user's data flags. Every field is
 * optional; a plugin ignores the ones it has no use for (a generated dataset has no `dataDir`).
 */
export interface DatasetPluginOptions {
  /** Directory holding the dataset's files (`cvae train --data-dir`). */
  readonly dataDir?: string;
  /** Use only the first N training examples (`--train-size`, quick runs). */
  readonly trainSize?: number;
  /** Use only the first N test examples (`--test-size`, quick runs). */
  readonly testSize?: number;
}

/**
 * The default export (or `datasetModule` export) of a dataset plugin package, as `cvae train
 * --plugin` loads it: a factory of the inversify module that binds `TOKENS.Dataset`, or that
 * module itself.
 *
 * @example
 * ```ts
 * export function shapesModule(options: DatasetPluginOptions = {}): ContainerModule {
 *   return new ContainerModule(({ bind }) => {
 *     bind(TOKENS.Dataset).toConstantValue(new ShapesAdapter(options));
 *   });
 * }
 * export default shapesModule satisfies DatasetPlugin;
 * ```
 */
export type DatasetPlugin = ((options: DatasetPluginOptions) => ContainerModule) | ContainerModule;
