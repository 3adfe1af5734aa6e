import * as factoryImport from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import { wasmWorkerContents } from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js';
import type { PThreadPool, ThreadedWasmModule } from '../threaded/register-threaded-backend.js';
import { attachTfjsBridge, overrideCoreCount, type RawModule } from '../threaded/wasm-module.js';

type BrowserModule = RawModule & { PThread: PThreadPool<Worker> };
type ModuleFactory = ((config: object) => Promise<BrowserModule>) & { toString(): string };

// The emscripten output is CommonJS; bundlers hand it over as the namespace or as its default.
const factory = ((factoryImport as unknown as { default?: ModuleFactory }).default ?? factoryImport) as unknown as ModuleFactory;

/**
 * Starts tfjs's threaded SIMD build in a page with a thread pool of `threads`, as tfjs's own
 * `init()` (tfjs-backend-wasm/dist/backend_wasm.js) does — worker script as a Blob URL — with one
 * change: the `emscripten_num_logical_cores` import answers `2 * threads`, so the pool is not
 * sized as half of `navigator.hardwareConcurrency` (see `overrideCoreCount`).
 * `wasmUrl` is where tfjs-backend-wasm-threaded-simd.wasm is served; `scriptUrl`, where
 * wasm-out/tfjs-backend-wasm-threaded-simd.js is served verbatim: each pthread worker
 * `importScripts` it. Without it the factory's source is rebuilt from `Function.toString()`, as
 * tfjs does, which breaks once a minifier has renamed the variables the factory closes over.
 */
export async function startThreadedModuleInPage(threads: number, wasmUrl: string, scriptUrl?: string, timeoutMs = 30_000): Promise<ThreadedWasmModule<Worker>> {
  const workerUrl = URL.createObjectURL(new Blob([wasmWorkerContents.replace(/\n/g, '\\n')], { type: 'application/javascript' }));
  const binary = fetch(wasmUrl).then((response) => {
    if (!response.ok) throw new Error(`fetching ${wasmUrl} gave HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  const timer = setTimeout(() => fail(new Error(`the threaded wasm module did not start within ${timeoutMs} ms`)), timeoutMs);
  const config = {
    // Each pthread worker `importScripts` this to get the factory.
    mainScriptUrlOrBlob: scriptUrl ?? new Blob([`var WasmBackendModuleThreadedSimd = ${factory.toString()}`], { type: 'text/javascript' }),
    locateFile: (file: string, prefix: string) => {
      if (file.endsWith('.worker.js')) return workerUrl;
      if (file.endsWith('.wasm')) return wasmUrl;
      return prefix + file;
    },
    instantiateWasm(imports: WebAssembly.Imports, receiveInstance: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) {
      if (!overrideCoreCount(imports, threads)) {
        fail(new Error('this tfjs-backend-wasm build has no emscripten_num_logical_cores import to size its thread pool'));
        return {};
      }
      binary
        .then((bytes) => WebAssembly.instantiate(bytes, imports))
        .then(({ instance, module }) => receiveInstance(instance, module))
        .catch((error: unknown) => fail(new Error(`instantiating ${wasmUrl} failed: ${String(error)}`, { cause: error })));
      return {}; // asynchronous instantiation: emscripten waits for receiveInstance
    },
    onAbort: (reason: unknown) => fail(new Error(`the threaded wasm module aborted: ${String(reason)}`)),
  };
  try {
    return attachTfjsBridge(await Promise.race([factory(config), failed]));
  } catch (error) {
    (config as Partial<BrowserModule>).PThread?.terminateAllThreads();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
