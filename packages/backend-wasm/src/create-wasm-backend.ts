import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, registerAdam, type Backend } from '@cvae/core';
import { registerWasmConv2dBackpropFilter } from './kernels/conv2d-backprop-filter.js';
import { registerWasmConv2dBackpropInput } from './kernels/conv2d-backprop-input.js';
import { HeapAdam } from './optimizer/heap-adam.js';

/** tfjs's wasm file names, for `wasmPaths` given as a map. */
export type WasmFileName = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

/** What the Node and browser entries supply: the default pool size and the threaded loader. */
export interface WasmPlatform {
  defaultThreads(): Promise<number> | number;
  /** Registers the threaded build as 'wasm'; resolves false (after telling `onUnavailable`) when it cannot. */
  registerThreaded(threads: number, wasmPaths: string | Partial<Record<WasmFileName, string>> | undefined, onUnavailable?: (reason: string) => void): Promise<boolean>;
  /** Called when the single-threaded build is to run (asked for, or the threaded one unavailable). */
  singleThreaded?(): void;
}

export interface CommonWasmOptions {
  /** Compute threads; 1 selects the single-threaded SIMD build. */
  readonly threads?: number;
  /** Told when the threaded build cannot be used and the single-threaded one runs instead. */
  readonly onFallback?: (reason: string) => void;
  /** Where the .wasm files are served from: a URL prefix, or one URL per file name. */
  readonly wasmPaths?: string | Partial<Record<WasmFileName, string>>;
}

/** Builds the `Backend` object both entries export as `wasmBackend()`. */
export function createWasmBackend(options: CommonWasmOptions, platform: WasmPlatform): Backend {
  let ready: Promise<void> | undefined;
  let threads = 1;
  return {
    name: 'wasm',
    get capabilities() {
      return { trainsConv: true, threads };
    },
    init() {
      ready ??= activate(options, platform, (n) => (threads = n)).catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      return ready;
    },
  };
}

async function activate(options: CommonWasmOptions, platform: WasmPlatform, setThreads: (n: number) => void): Promise<void> {
  // Imported lazily so that merely composing a container does not load the wasm module.
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  registerWasmConv2dBackpropFilter();
  registerWasmConv2dBackpropInput();
  registerAdam('wasm', (settings) => new HeapAdam(settings));
  if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
  const threads = options.threads ?? (await platform.defaultThreads());
  if (threads > 1 && (await platform.registerThreaded(threads, options.wasmPaths, options.onFallback))) setThreads(threads);
  else platform.singleThreaded?.();
  let ok = false;
  try {
    ok = await tf.setBackend('wasm');
    await tf.ready();
  } catch (error) {
    throw new BackendUnavailableError('wasm', `the WebAssembly module failed to initialise (${String(error)})`, 'check that the .wasm files are reachable (wasmPaths option in browsers)', { cause: error });
  }
  if (!ok) {
    throw new BackendUnavailableError('wasm', 'tf.setBackend("wasm") returned false', 'check that @tensorflow/tfjs-backend-wasm and @tensorflow/tfjs-core are the same version (4.22.0) and installed once, and that the .wasm files are reachable (wasmPaths)');
  }
}
