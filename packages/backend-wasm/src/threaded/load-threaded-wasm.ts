import * as tf from '@tensorflow/tfjs-core';
import type { ThreadedWasmModule } from './threaded-simd-module.js';
import { CvaeError } from '@cvae/core';

/** The priority tfjs-backend-wasm registers its own 'wasm' factory with (src/base.ts). */
const WASM_PRIORITY = 2;

/** Emscripten pre-starts 8 pthread workers and the C++ side caps its pool at 8. */
const MAX_THREADS = 8;

/** Options of {@link registerThreadedWasm}. */
export interface RegisterThreadedWasmOptions {
  /** Told why the threaded build is not used, when `registerThreadedWasm` resolves to false. */
  readonly onUnavailable?: (reason: string) => void;
}

/**
 * Registers tfjs's threaded SIMD WebAssembly build, with a pool of `threads` threads, as the tfjs
 * backend named 'wasm' — replacing the single-threaded factory that importing
 * `@tensorflow/tfjs-backend-wasm` registers. All wasm kernels of that package apply: tfjs keys
 * kernels by backend name, and the backend is the package's own `BackendWasm` class.
 *
 * Node only. Call it at start-up, before any tensor lives on 'wasm' (replacing the backend
 * disposes the old one). It does not activate the backend: call `tf.setBackend('wasm')`.
 *
 * Resolves to false, without throwing and with tfjs's registry untouched, when this environment
 * cannot run it (no SharedArrayBuffer or shared wasm memory, not Node, the module fails to load,
 * or the pool does not come out at `threads`); `tf.setBackend('wasm')` then gives the stock
 * single-threaded SIMD build.
 *
 * The pool's workers do not keep Node alive; `tf.removeBackend('wasm')` terminates them.
 *
 * @example
 * ```ts
 * if (!(await registerThreadedWasm(2))) console.warn('wasm: single-threaded');
 * await tf.setBackend('wasm');
 * ```
 */
export async function registerThreadedWasm(threads: number, options: RegisterThreadedWasmOptions = {}): Promise<boolean> {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new CvaeError('backend wasm', `threads must be an integer from 1 to ${MAX_THREADS}, got ${threads}`);
  }
  // Idempotent: a second call for the same pool, while ours is still the registered factory,
  // must not start a second module (8 more workers) only to throw the first away.
  if (registered?.threads === threads && tf.findBackendFactory('wasm') === registered.factory) return true;
  const unavailable = (reason: string) => {
    options.onUnavailable?.(reason);
    return false;
  };
  const missing = missingPlatformFeature();
  if (missing !== undefined) return unavailable(missing);

  let build: () => Promise<InstanceType<typeof import('@tensorflow/tfjs-backend-wasm').BackendWasm>>;
  let backend: Awaited<ReturnType<typeof build>>;
  try {
    // Loaded lazily: the helpers use Node built-ins, and the package registers kernels on import.
    const [{ startThreadedSimdModule }, wasm] = await Promise.all([
      import('./threaded-simd-module.js'),
      import('@tensorflow/tfjs-backend-wasm'),
    ]);
    build = async () => createBackend(wasm, await startThreadedSimdModule(threads), threads);
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
  let prebuilt: typeof backend | undefined = backend;
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

/** The factory this module last registered, to make repeated calls cheap and leak-free. */
let registered: { threads: number; factory: () => Promise<tf.KernelBackend>; releaseUnused(): void } | undefined;

/** Why this environment cannot run the threaded build, or undefined when it can. */
function missingPlatformFeature(): string | undefined {
  if (typeof process === 'undefined' || process.versions?.node === undefined) {
    return 'not running in Node (in browsers, tfjs picks its threaded build itself when cross-origin isolated)';
  }
  if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is not available';
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  } catch {
    return 'WebAssembly shared memory (wasm threads) is not supported';
  }
  return undefined;
}

function createBackend(wasm: typeof import('@tensorflow/tfjs-backend-wasm'), module: ThreadedWasmModule, threads: number) {
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
  // emscripten `ref()`s a worker while it runs a pthread, and the pool's pthreads live as long as
  // the module, parked between jobs: Node would never exit. They hold nothing to flush, so let
  // Node end them at exit, as a browser ends a page's workers.
  for (const worker of pool.runningWorkers) worker.unref();
  // Emscripten pre-started 8 workers; the others would sit idle holding ~9 MB each (measured:
  // RSS 157 -> 95 MB). XNNPACK creates its threads once, above, so they are never needed.
  for (const worker of pool.unusedWorkers.splice(0)) void worker.terminate();
  return backend;
}
