import * as tf from '@tensorflow/tfjs-core';
import { BackendUnavailableError, type Backend } from '@cvae/core';
import { availableParallelism } from 'node:os';

const INSTALL_FIX =
  'install it where its native library can be downloaded (`npm install @tensorflow/tfjs-node@4.22.0`); ' +
  'offline, point TFJS_NODE_BASE_URI or node_modules/@tensorflow/tfjs-node/scripts/custom-binary.json at a mirror of libtensorflow; ' +
  'or use --backend wasm';

/**
 * Native TensorFlow (C++) through @tensorflow/tfjs-node, an optional dependency loaded only
 * inside `init()`. Where it is missing or its native binding fails to load, `init()` throws a
 * `BackendUnavailableError` naming the cause and the fix.
 *
 * @example
 * ```ts
 * try { await nodeBackend().init(); } catch (e) { if (e instanceof BackendUnavailableError) console.warn(e.message); }
 * ```
 */
export function nodeBackend(): Backend {
  let ready: Promise<void> | undefined;
  return {
    name: 'tensorflow',
    capabilities: { trainsConv: true, threads: availableParallelism() },
    init() {
      ready ??= activate().catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      return ready;
    },
  };
}

async function activate(): Promise<void> {
  try {
    // A variable specifier keeps bundlers and TypeScript from requiring the optional package.
    const specifier = '@tensorflow/tfjs-node';
    await import(specifier);
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes("'@tensorflow/tfjs-node'");
    const reason = missing
      ? '@tensorflow/tfjs-node is not installed (it is an optional dependency: its install script downloads libtensorflow, which failed or was skipped)'
      : `@tensorflow/tfjs-node is installed but its native binding failed to load (${firstLine(error)})`;
    throw new BackendUnavailableError('node', reason, INSTALL_FIX, { cause: error });
  }
  if (!(await tf.setBackend('tensorflow'))) {
    throw new BackendUnavailableError('node', 'tf.setBackend("tensorflow") returned false', 'make sure exactly one copy of @tensorflow/tfjs-core (4.22.0) is installed (`npm ls @tensorflow/tfjs-core`)');
  }
  await tf.ready();
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}
