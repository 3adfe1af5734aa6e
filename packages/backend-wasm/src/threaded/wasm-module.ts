import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** What `new BackendWasm(module)` takes: the emscripten module plus tfjs's `module.tfjs` bridge. */
export type WasmModule = ConstructorParameters<typeof BackendWasm>[0];

/** The emscripten module as the factory resolves it, before the tfjs bridge is attached. */
export interface RawModule {
  _dispose(): void;
  cwrap(name: string, returnType: 'number' | null, argTypes: 'number'[]): (...args: number[]) => number;
}

/**
 * Attaches the bridge tfjs's own `init()` builds (names and signatures as in
 * tfjs-backend-wasm/dist/backend_wasm.js), so that `new BackendWasm(module)` accepts the module.
 */
export function attachTfjsBridge<M extends RawModule>(module: M): M & WasmModule {
  const tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  return Object.assign(module, { tfjs }) as unknown as M & WasmModule;
}

/**
 * The `emscripten_num_logical_cores` override that sizes the pool. The C++ side
 * (tfjs-backend-wasm/src/cc/backend.cc) sets `num_cores = emscripten_num_logical_cores() / 2` in a
 * static initializer — assuming two hyperthreads per core — and caps any thread count, including
 * `setThreadsCount`, at `num_cores`, clamped to 1..8. On a 2-core machine that is 1 thread
 * (tfjs #8513, #4972). Answering `2 * threads` makes `num_cores === threads`. It touches only
 * this module's own import table, nothing global. Returns false when the build has no such import.
 */
export function overrideCoreCount(imports: WebAssembly.Imports, threads: number): boolean {
  const env = imports['env'];
  if (typeof env?.['emscripten_num_logical_cores'] !== 'function') return false;
  env['emscripten_num_logical_cores'] = () => 2 * threads;
  return true;
}
