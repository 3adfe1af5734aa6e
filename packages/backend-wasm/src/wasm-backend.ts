import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, registerAdam, type Backend } from '@cvae/core';
import { registerWasmConv2dBackpropFilter } from './kernels/conv2d-backprop-filter.js';
import { registerWasmConv2dBackpropInput } from './kernels/conv2d-backprop-input.js';
import { HeapAdam } from './optimizer/heap-adam.js';

/** Options of {@link wasmBackend}. */
export interface WasmBackendOptions {
  /**
   * Compute threads. In Node the default is the number of cores (at most 4), using tfjs's threaded
   * SIMD build; 1 selects the single-threaded SIMD build. Browsers use the single-threaded build.
   */
  readonly threads?: number;
  /** Told when the threaded build cannot be used and the single-threaded one runs instead. */
  readonly onFallback?: (reason: string) => void;
  /**
   * Where the .wasm files are served from, in browsers (passed to tfjs's `setWasmPaths`).
   * Not needed in Node, where they load from node_modules.
   */
  readonly wasmPaths?: string;
}

/**
 * The WebAssembly backend (tfjs-backend-wasm, SIMD build). Runs in Node and in browsers.
 * It trains conv nets: tfjs registers no Conv2DBackpropFilter kernel for wasm, so `init()`
 * registers ours (kernels/conv2d-backprop-filter.ts, built from wasm kernels), and replaces
 * tfjs's slow wasm Conv2DBackpropInput (a plain loop) with stride-1 convolutions (XNNPACK).
 * It also registers `HeapAdam` as core's Adam on wasm (one pass per variable in the wasm heap).
 *
 * @example
 * ```ts
 * const backend = wasmBackend();
 * await backend.init();
 * ```
 */
export function wasmBackend(options: WasmBackendOptions = {}): Backend {
  let ready: Promise<void> | undefined;
  let threads = 1;
  return {
    name: 'wasm',
    get capabilities() {
      return { trainsConv: true, threads };
    },
    init() {
      ready ??= activate(options, (n) => (threads = n)).catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      return ready;
    },
  };
}

const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;

async function defaultThreads(): Promise<number> {
  if (!isNode) return 1;
  const { availableParallelism } = await import('node:os');
  return Math.min(4, availableParallelism());
}

async function activate(options: WasmBackendOptions, setThreads: (n: number) => void): Promise<void> {
  // Imported lazily so that merely composing a container does not load the wasm module.
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  registerWasmConv2dBackpropFilter();
  registerWasmConv2dBackpropInput();
  registerAdam('wasm', (settings) => new HeapAdam(settings));
  if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
  const threads = options.threads ?? (await defaultThreads());
  if (threads > 1 && isNode) {
    const { registerThreadedWasm } = await import('./threaded/load-threaded-wasm.js');
    if (await registerThreadedWasm(threads, { onUnavailable: options.onFallback })) setThreads(threads);
  } else if (threads > 1) {
    options.onFallback?.('threads are only supported in Node; using the single-threaded SIMD build');
  }
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
