import { describeNative, nodeBackendModule, type NodeBackend } from '@cvae/backend-node';
import { wasmBackendModule } from '@cvae/backend-wasm';
import { BackendUnavailableError, cpuBackendModule, TOKENS, type Backend } from '@cvae/core';
import type { Container, ContainerModule } from 'inversify';
import { UsageError } from '../usage-error.js';

/** Values of `--backend`. `auto` takes node where tfjs-node loads, else wasm; cpu is the slow reference. */
export const BACKEND_NAMES = ['auto', 'wasm', 'node', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendChoice {
  readonly name: string;
  /** Compute threads: wasm's pool (default: the number of cores, at most 4), node's intra-op pool (default: TensorFlow's). */
  readonly threads?: number;
  /** node only: TensorFlow's inter-op pool, ops that may run at once (default: TensorFlow's). */
  readonly interOpThreads?: number;
}

function modules(choice: BackendChoice, note: (line: string) => void): Record<Exclude<BackendName, 'auto'>, () => ContainerModule> {
  const onFallback = (reason: string) => note(`[cvae] backend wasm: threads unavailable (${reason}); using one thread.`);
  return {
    wasm: () => wasmBackendModule({ threads: choice.threads, onFallback }),
    node: () => nodeBackendModule({ intraOpThreads: choice.threads, interOpThreads: choice.interOpThreads }),
    cpu: () => cpuBackendModule(),
  };
}

/**
 * Loads the chosen backend's module into the container and initialises it. For `auto`, tries
 * node first and falls back to wasm, telling `note` why.
 *
 * @example
 * ```ts
 * const backend = await installBackend(container, { name: 'auto' }, console.error);
 * ```
 */
export async function installBackend(container: Container, choice: BackendChoice, note: (line: string) => void): Promise<Backend> {
  const { name } = choice;
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown backend "${name}"; valid backends: ${BACKEND_NAMES.join(', ')}`);
  }
  const available = modules(choice, note);
  // tfjs's cpu backend registers itself on import; only a --backend cpu run pays for loading it.
  if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (name !== 'auto') return initBackend(container, available[name as Exclude<BackendName, 'auto'>](), note);
  const nodeModule = available.node();
  try {
    return await initBackend(container, nodeModule, note);
  } catch (error) {
    if (!(error instanceof BackendUnavailableError)) throw error;
    note(`[cvae] backend auto: node is unavailable (${error.reason}); using wasm.`);
    container.unload(nodeModule);
    return initBackend(container, available.wasm(), note);
  }
}

async function initBackend(container: Container, module: ContainerModule, note: (line: string) => void): Promise<Backend> {
  container.load(module);
  const backend = container.get(TOKENS.Backend);
  await backend.init();
  // The native backend says which TensorFlow it loaded: a newer library than tfjs-node pins may be in use.
  const native = (backend as Partial<NodeBackend>).native?.();
  if (native) note(`[cvae] backend node: ${describeNative(native)}`);
  return backend;
}
