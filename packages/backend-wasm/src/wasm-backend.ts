import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, type Backend } from '@cvae/core';

export interface WasmBackendOptions {
  /**
   * Where the .wasm files are served from, in browsers (passed to tfjs's `setWasmPaths`).
   * Not needed in Node, where they load from node_modules.
   */
  readonly wasmPaths?: string;
}

/**
 * The WebAssembly backend (tfjs-backend-wasm, SIMD build). Runs in Node and in browsers.
 * It cannot train conv nets: tfjs registers no Conv2DBackpropFilter kernel for wasm.
 *
 * @example
 * ```ts
 * const backend = wasmBackend();
 * await backend.init();
 * ```
 */
export function wasmBackend(options: WasmBackendOptions = {}): Backend {
  let ready: Promise<void> | undefined;
  return {
    name: 'wasm',
    capabilities: { trainsConv: false, threads: 1 },
    init() {
      ready ??= activate(options).catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      return ready;
    },
  };
}

async function activate(options: WasmBackendOptions): Promise<void> {
  // Imported lazily so that merely composing a container does not load the wasm module.
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
  let ok = false;
  try {
    ok = await tf.setBackend('wasm');
    await tf.ready();
  } catch (error) {
    throw new BackendUnavailableError('wasm', `the WebAssembly module failed to initialise (${String(error)})`, 'check that the .wasm files are reachable (wasmPaths option in browsers)', { cause: error });
  }
  if (!ok) {
    throw new BackendUnavailableError('wasm', 'tf.setBackend("wasm") returned false', 'check that @tensorflow/tfjs-backend-wasm and @tensorflow/tfjs-core are the same version (4.22.0) and installed once');
  }
}
