import { CvaeError } from '@cvae/core';

/**
 * An error raised by a dataset adapter. The message starts with `[cvae] [<scope>] ` so a user
 * reading a CLI log can tell which dataset (or file format) complained, in the style of
 * `[unstorage] [redis] ...`; errors about no dataset in particular (an unknown name) pass an
 * `undefined` scope and start with `[cvae] [datasets] `.
 *
 * @example
 * ```ts
 * throw new DatasetError('mnist', 'batchSize must be a positive integer, got 0');
 * // Error: [cvae] [mnist] batchSize must be a positive integer, got 0
 * ```
 */
export class DatasetError extends CvaeError {
  /** The dataset id or format that raised the error, e.g. `'mnist'` or `'idx'`. */
  readonly scope: string | undefined;

  constructor(scope: string | undefined, message: string, options?: { cause?: unknown; fix?: string }) {
    super(scope ?? 'datasets', message, { cause: options?.cause, fix: options?.fix });
    this.name = 'DatasetError';
    this.scope = scope;
  }
}
