import { CvaeError } from '../errors/cvae-error.js';

/**
 * A backend that cannot be used on this machine. The message names what failed and how to fix it.
 *
 * @example
 * ```ts
 * throw new BackendUnavailableError('node', 'the native binding failed to load', 'run `npm i @tensorflow/tfjs-node`');
 * ```
 */
export class BackendUnavailableError extends CvaeError {
  constructor(
    readonly backend: string,
    readonly reason: string,
    fix: string,
    options?: { cause?: unknown },
  ) {
    super(`backend ${backend}`, `unavailable: ${reason}`, { fix, cause: options?.cause });
    this.name = 'BackendUnavailableError';
  }
}
