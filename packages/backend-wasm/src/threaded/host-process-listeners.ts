import type { EventEmitter } from 'node:events';

const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

type Listener = (...args: unknown[]) => void;

/** The process's crash listeners as they were before the emscripten module started. */
export type ProcessListenerSnapshot = Record<(typeof EVENTS)[number], Listener[]>;

export function snapshotProcessListeners(): ProcessListenerSnapshot {
  const emitter = process as unknown as EventEmitter;
  return {
    uncaughtException: emitter.rawListeners('uncaughtException') as Listener[],
    unhandledRejection: emitter.rawListeners('unhandledRejection') as Listener[],
  };
}

/**
 * Wraps the module's `_dispose` so that disposing the backend leaves the host's crash listeners
 * in place.
 *
 * Why: in Node, emscripten's glue adds `uncaughtException`/`unhandledRejection` listeners, and
 * tfjs's post-script wraps `_dispose` to remove "the listeners it added". Its filter
 * (`!before.indexOf(l) > -1`) is always true, so it removes *every* listener, including ones the
 * host (vitest, a CLI's error reporter) registered earlier. Measured with the stock build too:
 * one host listener before `tf.setBackend('wasm')`, none after `tf.removeBackend('wasm')`.
 * Put back those that were there before the module started (raw listeners, so `once` stays once).
 */
export function keepHostProcessListeners(module: { _dispose(): void }, before: ProcessListenerSnapshot): void {
  const glueDispose = module._dispose.bind(module);
  const emitter = process as unknown as EventEmitter;
  module._dispose = () => {
    glueDispose();
    for (const event of EVENTS) {
      const present = emitter.rawListeners(event);
      for (const listener of before[event]) {
        if (!present.includes(listener)) emitter.on(event, listener);
      }
    }
  };
}
