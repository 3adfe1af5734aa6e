import * as tf from '@tensorflow/tfjs-core';
import { CvaeError } from '@cvae/core';
import type { WasmModule } from './wasm-module.js';

/** The priority tfjs-backend-wasm registers its own 'wasm' factory with (src/base.ts). */
const WASM_PRIORITY = 2;

/** Emscripten pre-starts 8 pthread workers and the C++ side caps its pool at 8. */
export const MAX_THREADS = 8;

/** The part of emscripten's pthread bookkeeping (`Module.PThread`) this package touches. */
export interface PThreadPool<W = { terminate(): unknown }> {
  /** Started and loaded workers not running a pthread (emscripten pre-starts 8 of them). */
  unusedWorkers: W[];
  /** Workers running a pthread. */
  runningWorkers: W[];
  /** Terminates every worker; `BackendWasm.dispose()` calls it. */
  terminateAllThreads(): void;
}

/** An emscripten threaded module with tfjs's `module.tfjs` bridge attached. */
export type ThreadedWasmModule<W = { terminate(): unknown }> = WasmModule & { PThread: PThreadPool<W> };

/** What differs between Node and browsers when starting the threaded build. */
export interface ThreadedPlatform<W> {
  /** Why this environment cannot run the threaded build, or undefined when it can. */
  missingFeature(): string | undefined;
  /** Starts the emscripten module with a pool sized for `threads`. */
  start(threads: number): Promise<ThreadedWasmModule<W>>;
  /** Called once the backend exists, e.g. to let Node exit with the pool's workers alive. */
  afterCreate?(pool: PThreadPool<W>): void;
}

/** The factory this module last registered, to make repeated calls cheap and leak-free. */
let registered: { threads: number; factory: () => Promise<tf.KernelBackend>; releaseUnused(): void } | undefined;

/**
 * Registers a threaded wasm module as the tfjs backend named 'wasm', with a pool of `threads`.
 * Resolves to false (telling `onUnavailable` why) and leaves tfjs's registry untouched when the
 * platform cannot run it or the pool does not come out at `threads`.
 */
export async function registerThreadedBackend<W extends { terminate(): unknown }>(
  threads: number,
  platform: ThreadedPlatform<W>,
  onUnavailable?: (reason: string) => void,
): Promise<boolean> {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new CvaeError('backend wasm', `threads must be an integer from 1 to ${MAX_THREADS}, got ${threads}`);
  }
  // Idempotent: a second call for the same pool, while ours is still the registered factory,
  // must not start a second module (8 more workers) only to throw the first away.
  if (registered?.threads === threads && tf.findBackendFactory('wasm') === registered.factory) return true;
  const unavailable = (reason: string) => {
    onUnavailable?.(reason);
    return false;
  };
  const missing = platform.missingFeature();
  if (missing !== undefined) return unavailable(missing);

  type Backend = InstanceType<typeof import('@tensorflow/tfjs-backend-wasm').BackendWasm>;
  let build: () => Promise<Backend>;
  let backend: Backend;
  try {
    // The package registers its kernels on import.
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    build = async () => createBackend(wasm, await platform.start(threads), threads, platform);
    backend = await build();
  } catch (error) {
    return unavailable(`the threaded wasm module failed to start (${error instanceof Error ? error.message : String(error)})`);
  }
  const actual = backend.wasm.tfjs.getThreadsCount();
  if (actual !== threads) {
    backend.dispose();
    return unavailable(`the threaded wasm module made a pool of ${actual} threads instead of ${threads}`);
  }

  // The first engine request gets the instance built (and checked) above. A later one — after
  // `tf.engine().reset()` disposed it — gets a fresh module, as tfjs's own factory would.
  let prebuilt: Backend | undefined = backend;
  const factory = async () => {
    const instance = prebuilt ?? (await build());
    prebuilt = undefined;
    return instance;
  };
  if (tf.findBackendFactory('wasm') !== null) tf.removeBackend('wasm');
  // removeBackend disposed the previous instance if the engine had made it; one of ours it never
  // asked for is still ours to dispose.
  registered?.releaseUnused();
  tf.registerBackend('wasm', factory, WASM_PRIORITY);
  registered = {
    threads,
    factory,
    releaseUnused: () => {
      prebuilt?.dispose();
      prebuilt = undefined;
    },
  };
  return true;
}

function createBackend<W extends { terminate(): unknown }>(
  wasm: typeof import('@tensorflow/tfjs-backend-wasm'),
  module: ThreadedWasmModule<W>,
  threads: number,
  platform: ThreadedPlatform<W>,
) {
  // BackendWasm's constructor calls `initWithThreadsCount(<setThreadsCount value>)`, which creates
  // XNNPACK's pthreadpool: threads - 1 workers, the calling thread being the last one.
  wasm.setThreadsCount(threads);
  const pool = module.PThread;
  let backend: InstanceType<typeof wasm.BackendWasm>;
  try {
    backend = new wasm.BackendWasm(module);
  } catch (error) {
    pool.terminateAllThreads(); // a started pthread keeps Node alive: never leave one behind
    throw error;
  }
  platform.afterCreate?.(pool);
  // Emscripten pre-started 8 workers; the others would sit idle holding ~9 MB each (measured in
  // Node: RSS 157 -> 95 MB). XNNPACK creates its threads once, above, so they are never needed.
  for (const worker of pool.unusedWorkers.splice(0)) void worker.terminate();
  return backend;
}
