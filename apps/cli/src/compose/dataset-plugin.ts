import { CvaeError, TOKENS, type DatasetDescriptor, type DatasetPluginOptions } from '@cvae/core';
import { Container, type ContainerModule } from 'inversify';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../usage-error.js';

const SHAPE_FIX =
  'Fix: `export const descriptor = { id, description, present: \'image-grid\', module: (options) => shapesModule(options) }` or `export default function (options) { return new ContainerModule(({ bind }) => bind(TOKENS.Dataset).toConstantValue(adapter)); }` ' +
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
  return moduleOf(await importPlugin(specifier, cwd), specifier, options);
}

async function importPlugin(specifier: string, cwd: string): Promise<Record<string, unknown>> {
  const url = resolvePluginUrl(specifier, cwd);
  let exports: Record<string, unknown>;
  try {
    exports = await import(url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CvaeError('plugin', `"${specifier}" failed to load (${url}): ${reason}. Fix: check that the plugin is built and its dependencies are installed.`, { cause: error });
  }
  return exports;
}

async function moduleOf(exports: Record<string, unknown>, specifier: string, options: DatasetPluginOptions): Promise<ContainerModule> {
  const candidates = ['default', 'datasetModule'] as const;
  const entry = candidates.map((name) => exports[name]).find((value) => typeof value === 'function' || isContainerModule(value));
  if (entry === undefined) {
    const found = candidates.map((name) => `${name}: ${describeValue(exports[name])}`).join(', ');
    throw new CvaeError(
      'plugin',
      `"${specifier}" must default-export (or export as datasetModule) a function (options) => ContainerModule or a ContainerModule; found ${found}. ${SHAPE_FIX}`,
    );
  }
  if (isContainerModule(entry)) return entry;
  let module: unknown;
  try {
    module = await (entry as (options: DatasetPluginOptions) => unknown)(options);
  } catch (error) {
    throw new CvaeError('plugin', `"${specifier}": its module factory threw: ${error instanceof Error ? error.message : String(error)}. ${SHAPE_FIX}`, { cause: error });
  }
  if (!isContainerModule(module)) {
    throw new CvaeError('plugin', `"${specifier}": its module factory returned ${describeValue(module)}, expected an inversify ContainerModule. ${SHAPE_FIX}`);
  }
  return module;
}

function isDescriptor(value: unknown): value is DatasetDescriptor {
  const d = value as Partial<DatasetDescriptor> | null;
  return typeof d === 'object' && d !== null && typeof d.id === 'string' && typeof d.module === 'function';
}

/**
 * The descriptor of dataset plugin `specifier` for `--dataset datasetId`. A plugin exports a
 * `descriptor` (the full contract: flags, saved files, presentation); an older plugin that only
 * default-exports a module factory is wrapped into one that presents samples as an image grid.
 * Options left undefined are not passed, so a plugin's own defaults apply.
 *
 * @throws UsageError when `--dataset` names another dataset than the plugin's
 *
 * @example
 * ```ts
 * const descriptor = await loadDatasetDescriptor('./dist/index.js', 'shapes', { trainSize: 1000 });
 * ```
 */
export async function loadDatasetDescriptor(specifier: string, datasetId: string, options: DatasetPluginOptions = {}, cwd = process.cwd()): Promise<DatasetDescriptor> {
  const exports = await importPlugin(specifier, cwd);
  const declared = exports.descriptor;
  const mismatch = (id: string) =>
    new UsageError(`--dataset "${datasetId}" does not match the dataset of plugin "${specifier}", whose id is "${id}"`, { fix: `pass --dataset ${id}` });
  if (declared !== undefined) {
    if (!isDescriptor(declared)) throw new CvaeError('plugin', `"${specifier}" exports a "descriptor" without an id and a module() function`, { fix: SHAPE_FIX });
    if (declared.id !== datasetId) throw mismatch(declared.id);
    return declared;
  }
  const module = await moduleOf(exports, specifier, defined(options));
  // An older plugin: its id is only known from the adapter it binds.
  const probe = new Container();
  probe.load(module);
  if (!probe.isBound(TOKENS.Dataset)) {
    throw new CvaeError('plugin', `"${specifier}" loaded, but its module binds nothing to TOKENS.Dataset`, { fix: 'bind(TOKENS.Dataset).toConstantValue(yourAdapter) in the ContainerModule' });
  }
  const id = probe.get(TOKENS.Dataset).id;
  if (id !== datasetId) throw mismatch(id);
  return { id, description: `plugin ${specifier}`, present: 'image-grid', module: () => module };
}

function defined(options: object): DatasetPluginOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as DatasetPluginOptions;
}
