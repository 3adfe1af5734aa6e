/**
 * A backend that cannot be used on this machine. The message names what failed and how to fix it.
 *
 * @example
 * ```ts
 * throw new BackendUnavailableError('node', 'the native binding failed to load', 'run `npm i @tensorflow/tfjs-node`');
 * ```
 */
export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: string,
    readonly reason: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`[cvae] [backend ${backend}] unavailable: ${reason}. Fix: ${fix}`, options);
    this.name = 'BackendUnavailableError';
  }
}
