import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { keepHostProcessListeners, snapshotProcessListeners } from './host-process-listeners.js';
import { workerScriptFile } from './worker-script-file.js';

/** What `new BackendWasm(module)` takes: the emscripten module plus tfjs's `module.tfjs` bridge. */
export type WasmModule = ConstructorParameters<typeof BackendWasm>[0];

/** The part of emscripten's pthread bookkeeping (`Module.PThread`) this package touches. */
export interface PThreadPool {
  /** Started and loaded workers not running a pthread (emscripten pre-starts 8 of them). */
  unusedWorkers: Worker[];
  /** Workers running a pthread; emscripten `ref()`s each of them. */
  runningWorkers: Worker[];
  /** Terminates every worker; `BackendWasm.dispose()` calls it. */
  terminateAllThreads(): void;
}

export type ThreadedWasmModule = WasmModule & { PThread: PThreadPool };

/** The emscripten module as the factory resolves it, before the tfjs bridge is attached. */
interface RawModule {
  PThread: PThreadPool;
  _dispose(): void;
  cwrap(name: string, returnType: 'number' | null, argTypes: 'number'[]): (...args: number[]) => number;
}

type ModuleFactory = (config: object) => Promise<RawModule>;

const require = createRequire(import.meta.url);
const BUILD = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd';

/**
 * Starts tfjs's threaded SIMD build in Node with a thread pool of `threads`, and attaches the
 * bridge tfjs's own `init()` attaches (`module.tfjs`, via `cwrap`), so that the result can be
 * passed to `new BackendWasm(module)`.
 *
 * It does what `init()` in tfjs-backend-wasm/dist/backend_wasm.js does for browsers, with the
 * three changes Node needs:
 * - the pthread worker script comes from a real `.cjs` file (Node cannot start a `blob:` URL);
 * - `mainScriptUrlOrBlob` is the path of the factory script, which each worker `importScripts`;
 * - the `emscripten_num_logical_cores` import answers `2 * threads` (see `instantiateWasm`).
 *
 * Rejects if the module does not start within `timeoutMs` (a worker that fails to load would
 * otherwise leave emscripten waiting forever); any workers already started are then terminated.
 */
export async function startThreadedSimdModule(threads: number, timeoutMs = 30_000): Promise<ThreadedWasmModule> {
  const scriptPath = require.resolve(`${BUILD}.js`);
  const wasmPath = require.resolve(`${BUILD}.wasm`);
  const { wasmWorkerContents } = require(`${BUILD}.worker.js`) as { wasmWorkerContents: string };
  // The worker script ships inside a template literal, so the `"\n"` escapes of its source came
  // out as real newlines, which would split string literals; tfjs re-escapes them the same way.
  const workerPath = workerScriptFile(wasmWorkerContents.replace(/\n/g, '\\n'));
  const factory = require(scriptPath) as ModuleFactory;
  const binary = await readFile(wasmPath);

  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`the threaded wasm module did not start within ${timeoutMs} ms`)), timeoutMs);
  timer.unref();

  // emscripten uses this very object as its `Module`: it gains `PThread`, `cwrap`, `_dispose`...
  const config = {
    mainScriptUrlOrBlob: scriptPath,
    locateFile: (file: string, prefix: string) => {
      if (file.endsWith('.worker.js')) return workerPath;
      if (file.endsWith('.wasm')) return wasmPath;
      return prefix + file;
    },
    /**
     * emscripten's hook for instantiating the binary ourselves. Used for one thing: the C++ side
     * (tfjs-backend-wasm/src/cc/backend.cc) sets `num_cores = emscripten_num_logical_cores() / 2`
     * in a static initializer — assuming two hyperthreads per core — and caps any thread count,
     * including `setThreadsCount`, at `num_cores`, clamped to 1..8. In Node that import returns
     * `os.cpus().length`, so a 2-core machine gets 1 thread. Answering `2 * threads` makes
     * `num_cores === threads`. Unlike overriding `os.cpus` or `navigator.hardwareConcurrency`,
     * this touches only this module's own import table, for its whole life, and nothing global.
     * (Pthread workers instantiate with their own imports and never run static initializers.)
     */
    instantiateWasm(imports: WebAssembly.Imports, receiveInstance: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      if (typeof imports['env']['emscripten_num_logical_cores'] !== 'function') {
        fail(new Error('this tfjs-backend-wasm build has no emscripten_num_logical_cores import to size its thread pool'));
        return {};
      }
      imports['env']['emscripten_num_logical_cores'] = () => 2 * threads;
      WebAssembly.instantiate(binary, imports).then(
        ({ instance, module }) => receiveInstance(instance, module),
        (error: unknown) => fail(new Error(`instantiating ${wasmPath} failed: ${String(error)}`, { cause: error })),
      );
      return {}; // asynchronous instantiation: emscripten waits for receiveInstance
    },
    onAbort: (reason: unknown) => fail(new Error(`the threaded wasm module aborted: ${String(reason)}`)),
  };

  const listeners = snapshotProcessListeners();
  let module: RawModule;
  try {
    module = await Promise.race([factory(config), failed]);
  } catch (error) {
    (config as Partial<RawModule>).PThread?.terminateAllThreads();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  keepHostProcessListeners(module, listeners);

  // The bridge tfjs's `init()` builds (names and signatures as in dist/backend_wasm.js).
  const tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return Object.assign(module, { tfjs }) as unknown as ThreadedWasmModule;
}
