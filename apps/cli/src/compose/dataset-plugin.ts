import { TOKENS, type DatasetAdapter, type DatasetPluginOptions } from '@cvae/core';
import type { Container, ContainerModule } from 'inversify';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../usage-error.js';

const SHAPE_FIX =
  'Fix: `export default function (options) { return new ContainerModule(({ bind }) => bind(TOKENS.Dataset).toConstantValue(adapter)); }` ' +
  '(or `export const datasetModule = ...`); see docs/dataset-plugins.md';

/** An explicit path (`./x.js`, `../x`, `/abs/x.js`, `C:\\x.js`) rather than a package name or a URL. */
function isExplicitPath(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier);
}

/**
 * Where `--plugin <specifier>` points, as a URL for `import()`. `file:` URLs are taken as they
 * are; paths resolve against `cwd` (`./x.js`, `/abs/x.js`, and `dir/x.js` when that file exists);
 * anything else is a package name, resolved from `cwd` first (the user's project), then from the
 * cvae command's own location.
 *
 * @throws UsageError naming what was looked for and the fix, when nothing is there
 */
export function resolvePluginUrl(specifier: string, cwd: string): string {
  if (specifier.startsWith('file:')) return specifier;
  const path = resolve(cwd, specifier);
  if (isExplicitPath(specifier) || existsSync(path)) {
    if (!existsSync(path)) {
      throw new UsageError(`plugin "${specifier}" not found: ${path} does not exist. Fix: build the plugin first, or pass the path of its entry file (e.g. ./dist/index.js).`);
    }
    return pathToFileURL(path).href;
  }
  try {
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(specifier)).href;
  } catch {
    try {
      return import.meta.resolve(specifier);
    } catch {
      throw new UsageError(
        `plugin "${specifier}" not found: it is neither a file under ${cwd} nor a package installed there or next to the cvae command. ` +
          `Fix: pass the path of the plugin's entry file (e.g. ./dist/index.js), or \`npm install\` the plugin package in the current project.`,
      );
    }
  }
}

function isContainerModule(value: unknown): value is ContainerModule {
  // Duck-typed: a plugin built against another copy of inversify still loads (TOKENS are Symbol.for ids).
  return typeof value === 'object' && value !== null && typeof (value as { load?: unknown }).load === 'function';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object with keys ${JSON.stringify(Object.keys(value))}`;
  return `a ${typeof value}`;
}

/**
 * Imports the dataset plugin `specifier` and returns its inversify module, built with `options`.
 * The plugin default-exports (or exports as `datasetModule`) either a function
 * `(options) => ContainerModule` or a `ContainerModule`.
 *
 * @throws UsageError when the plugin is not found; Error `[cvae] ...` when importing it fails or it exports something else
 *
 * @example
 * ```ts
 * container.load(await loadDatasetPlugin('./dist/index.js', { trainSize: 1000 }));
 * ```
 */
export async function loadDatasetPlugin(specifier: string, options: DatasetPluginOptions, cwd = process.cwd()): Promise<ContainerModule> {
  const url = resolvePluginUrl(specifier, cwd);
  let exports: Record<string, unknown>;
  try {
    exports = await import(url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`[cvae] plugin "${specifier}" failed to load (${url}): ${reason}. Fix: check that the plugin is built and its dependencies are installed.`, { cause: error });
  }
  const candidates = ['default', 'datasetModule'] as const;
  const entry = candidates.map((name) => exports[name]).find((value) => typeof value === 'function' || isContainerModule(value));
  if (entry === undefined) {
    const found = candidates.map((name) => `${name}: ${describeValue(exports[name])}`).join(', ');
    throw new Error(
      `[cvae] plugin "${specifier}" must default-export (or export as datasetModule) a function (options) => ContainerModule or a ContainerModule; found ${found}. ${SHAPE_FIX}`,
    );
  }
  if (isContainerModule(entry)) return entry;
  let module: unknown;
  try {
    module = await (entry as (options: DatasetPluginOptions) => unknown)(options);
  } catch (error) {
    throw new Error(`[cvae] plugin "${specifier}": its module factory threw: ${error instanceof Error ? error.message : String(error)}. ${SHAPE_FIX}`, { cause: error });
  }
  if (!isContainerModule(module)) {
    throw new Error(`[cvae] plugin "${specifier}": its module factory returned ${describeValue(module)}, expected an inversify ContainerModule. ${SHAPE_FIX}`);
  }
  return module;
}

/**
 * Loads the plugin's module into `container` and checks that it binds `TOKENS.Dataset` to an
 * adapter whose `id` is `datasetId` (the `--dataset` flag), so a command line names what it trains.
 * Options left undefined are not passed, so a plugin's own defaults apply.
 *
 * @throws UsageError when `--dataset` names another dataset than the plugin's
 *
 * @example
 * ```ts
 * const dataset = await installDatasetPlugin(container, './dist/index.js', 'shapes', { trainSize: 1000 });
 * ```
 */
export async function installDatasetPlugin(container: Container, specifier: string, datasetId: string, options: DatasetPluginOptions): Promise<DatasetAdapter> {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as DatasetPluginOptions;
  container.load(await loadDatasetPlugin(specifier, defined));
  if (!container.isBound(TOKENS.Dataset)) {
    throw new Error(`[cvae] plugin "${specifier}" loaded, but its module binds nothing to TOKENS.Dataset. Fix: bind(TOKENS.Dataset).toConstantValue(yourAdapter) in the ContainerModule.`);
  }
  const dataset = container.get(TOKENS.Dataset);
  if (dataset.id !== datasetId) {
    throw new UsageError(`--dataset "${datasetId}" does not match the dataset of plugin "${specifier}", whose id is "${dataset.id}". Fix: pass --dataset ${dataset.id}.`);
  }
  return dataset;
}
