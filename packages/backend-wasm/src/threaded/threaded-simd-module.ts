import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import { keepHostProcessListeners, snapshotProcessListeners } from './host-process-listeners.js';
import type { PThreadPool, ThreadedWasmModule } from './register-threaded-backend.js';
import { attachTfjsBridge, overrideCoreCount, type RawModule } from './wasm-module.js';
import { workerScriptFile } from './worker-script-file.js';

type NodeModule = RawModule & { PThread: PThreadPool<Worker> };
type ModuleFactory = (config: object) => Promise<NodeModule>;

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
export async function startThreadedSimdModule(threads: number, timeoutMs = 30_000): Promise<ThreadedWasmModule<Worker>> {
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
    /** emscripten's hook for instantiating the binary ourselves: used to size the pool (see overrideCoreCount). */
    instantiateWasm(imports: WebAssembly.Imports, receiveInstance: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      if (!overrideCoreCount(imports, threads)) {
        fail(new Error('this tfjs-backend-wasm build has no emscripten_num_logical_cores import to size its thread pool'));
        return {};
      }
      WebAssembly.instantiate(binary, imports).then(
        ({ instance, module }) => receiveInstance(instance, module),
        (error: unknown) => fail(new Error(`instantiating ${wasmPath} failed: ${String(error)}`, { cause: error })),
      );
      return {}; // asynchronous instantiation: emscripten waits for receiveInstance
    },
    onAbort: (reason: unknown) => fail(new Error(`the threaded wasm module aborted: ${String(reason)}`)),
  };

  const listeners = snapshotProcessListeners();
  let module: NodeModule;
  try {
    module = await Promise.race([factory(config), failed]);
  } catch (error) {
    (config as Partial<NodeModule>).PThread?.terminateAllThreads();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  keepHostProcessListeners(module, listeners);

  return attachTfjsBridge(module);
}
