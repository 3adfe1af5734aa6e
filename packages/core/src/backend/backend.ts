/** What a backend can do, declared up front so configuration can refuse what cannot run. */
export interface BackendCapabilities {
  /** Whether every kernel that training a conv net needs (e.g. Conv2DBackpropFilter) is registered. */
  readonly trainsConv: boolean;
  /** Threads the backend computes with. */
  readonly threads: number;
}

/**
 * A compute backend for tfjs. Implementations live in their own packages (`@cvae/backend-wasm`,
 * `@cvae/backend-node`); core never imports them.
 *
 * @example
 * ```ts
 * const backend = wasmBackend();
 * await backend.init(); // tf.getBackend() === 'wasm' from here on
 * ```
 */
export interface Backend {
  /** The tfjs backend name this activates, e.g. `'wasm'`, `'tensorflow'`, `'cpu'`. */
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  /** Loads and activates the backend. Idempotent. Throws `BackendUnavailableError` with cause and fix. */
  init(): Promise<void>;
}
