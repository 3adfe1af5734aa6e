import type { Worker } from 'node:worker_threads';
import { registerThreadedBackend, type ThreadedPlatform } from './register-threaded-backend.js';

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
 * Node only (browsers: `registerThreadedWasm` from `@cvae/backend-wasm/browser`). Call it at
 * start-up, before any tensor lives on 'wasm' (replacing the backend disposes the old one). It
 * does not activate the backend: call `tf.setBackend('wasm')`.
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
export function registerThreadedWasm(threads: number, options: RegisterThreadedWasmOptions = {}): Promise<boolean> {
  return registerThreadedBackend(threads, nodePlatform, options.onUnavailable);
}

const nodePlatform: ThreadedPlatform<Worker> = {
  missingFeature() {
    if (typeof process === 'undefined' || process.versions?.node === undefined) {
      return 'not running in Node (in browsers, use registerThreadedWasm from @cvae/backend-wasm/browser)';
    }
    if (typeof SharedArrayBuffer === 'undefined') return 'SharedArrayBuffer is not available';
    try {
      new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    } catch {
      return 'WebAssembly shared memory (wasm threads) is not supported';
    }
    return undefined;
  },
  async start(threads) {
    // Loaded lazily: the helpers use Node built-ins.
    const { startThreadedSimdModule } = await import('./threaded-simd-module.js');
    return startThreadedSimdModule(threads);
  },
  afterCreate(pool) {
    // emscripten `ref()`s a worker while it runs a pthread, and the pool's pthreads live as long
    // as the module, parked between jobs: Node would never exit. They hold nothing to flush, so
    // let Node end them at exit, as a browser ends a page's workers.
    for (const worker of pool.runningWorkers) worker.unref();
  },
};
