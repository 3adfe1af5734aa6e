/**
 * An error raised by a dataset adapter. The message starts with `[cvae] [<scope>] ` so a user
 * reading a CLI log can tell which dataset (or file format) complained, in the style of
 * `[unstorage] [redis] ...`; errors about no dataset in particular (an unknown name) pass an
 * `undefined` scope and start with `[cvae] `.
 *
 * @example
 * ```ts
 * throw new DatasetError('mnist', 'batchSize must be a positive integer, got 0');
 * // Error: [cvae] [mnist] batchSize must be a positive integer, got 0
 * ```
 */
export class DatasetError extends Error {
  /** The dataset id or format that raised the error, e.g. `'mnist'` or `'idx'`. */
  readonly scope: string | undefined;
  /** The message without its `[cvae] [<scope>] ` prefix, to re-raise it with more context. */
  readonly detail: string;

  constructor(scope: string | undefined, message: string, options?: { cause?: unknown }) {
    super(scope === undefined ? `[cvae] ${message}` : `[cvae] [${scope}] ${message}`, options);
    this.name = 'DatasetError';
    this.scope = scope;
    this.detail = message;
  }
}
