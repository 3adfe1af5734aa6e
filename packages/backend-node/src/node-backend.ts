import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, registerAdam, registerDenseKernels, type Backend } from '@cvae/core';
import { availableParallelism } from 'node:os';
import { installIdentityShortcuts } from './identity-shortcuts.js';
import { nativeInfo, type NativeInfo } from './native-info.js';
import { NativeAdam } from './native-adam.js';
import { nativeDenseKernels } from './native-dense.js';

/** The three ways to get a working tfjs-node; the same list `npm run setup:native` prints. */
export const INSTALL_FIX =
  '(1) online: `npm install @tensorflow/tfjs-node@4.22.0` where its libtensorflow download works; ' +
  '(2) a libtensorflow tarball: `npm run setup:native -- --from libtensorflow-cpu-linux-x86_64-X.Y.Z.tar.gz` (or TFJS_NODE_BASE_URI pointing at a mirror); ' +
  '(3) a local TensorFlow wheel: `npm run setup:native` (pip\'s local index) or `npm run setup:native -- --from tensorflow_cpu-*.whl`; ' +
  'or use --backend wasm';

/** Options of {@link nodeBackend}: TensorFlow's thread pools. */
export interface NodeBackendOptions {
  /** Threads one op may use (TensorFlow's intra-op pool, `TF_NUM_INTRAOP_THREADS`). Default: TensorFlow's choice. */
  readonly intraOpThreads?: number;
  /** Ops that may run at once (the inter-op pool, `TF_NUM_INTEROP_THREADS`). Default: TensorFlow's choice. */
  readonly interOpThreads?: number;
}

/** The native backend, plus what it loaded (after `init()`). */
export interface NodeBackend extends Backend {
  /** TensorFlow's version, the library file and the thread settings; undefined before `init()`. */
  native(): NativeInfo | undefined;
}

/**
 * Native TensorFlow (C++) through @tensorflow/tfjs-node, an optional dependency loaded only
 * inside `init()`. Where it is missing or its native binding fails to load, `init()` throws a
 * `BackendUnavailableError` naming the cause and the three fixes. Thread counts reach TensorFlow
 * through the environment variables it reads when tfjs-node creates its context, so they apply to
 * the first load in a process only.
 *
 * @example
 * ```ts
 * const backend = nodeBackend({ intraOpThreads: 2 });
 * await backend.init();
 * console.log(backend.native()?.tensorflowVersion);
 * ```
 */
export function nodeBackend(options: NodeBackendOptions = {}): NodeBackend {
  let ready: Promise<void> | undefined;
  let info: NativeInfo | undefined;
  return {
    name: 'tensorflow',
    capabilities: { trainsConv: true, threads: options.intraOpThreads ?? availableParallelism() },
    init() {
      ready ??= activate(options)
        .then((loaded) => void (info = loaded))
        .catch((error: unknown) => {
          ready = undefined;
          throw error;
        });
      return ready;
    },
    native: () => info,
  };
}

function setThreadEnv(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`[cvae] [backend node] ${name} must be a positive integer, got ${value}; fix: pass a thread count such as 2`);
  process.env[name] = String(value);
}

async function activate(options: NodeBackendOptions): Promise<NativeInfo> {
  setThreadEnv('TF_NUM_INTRAOP_THREADS', options.intraOpThreads);
  setThreadEnv('TF_NUM_INTEROP_THREADS', options.interOpThreads);
  // TensorFlow's C++ INFO lines (CPU feature notes) would interleave with ours; warnings stay.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '1';
  try {
    // A variable specifier keeps bundlers and TypeScript from requiring the optional package.
    const specifier = '@tensorflow/tfjs-node';
    await import(specifier);
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes("'@tensorflow/tfjs-node'");
    const reason = missing
      ? '@tensorflow/tfjs-node is not installed (an optional dependency: npm drops it when its libtensorflow download fails)'
      : `@tensorflow/tfjs-node is installed but its native binding failed to load (${firstLine(error)})`;
    throw new BackendUnavailableError('node', reason, INSTALL_FIX, { cause: error });
  }
  if (!(await tf.setBackend('tensorflow'))) {
    throw new BackendUnavailableError('node', 'tf.setBackend("tensorflow") returned false', 'make sure exactly one copy of @tensorflow/tfjs-core (4.22.0) is installed (`npm ls @tensorflow/tfjs-core`)');
  }
  await tf.ready();
  registerAdam('tensorflow', (settings) => new NativeAdam(settings));
  registerDenseKernels('tensorflow', nativeDenseKernels());
  installIdentityShortcuts();
  return nativeInfo(tf.backend());
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}
