const BRAND = Symbol.for('cvae.error');

/** Options of {@link CvaeError}: the fix to suggest and the underlying cause. */
export interface CvaeErrorOptions {
  /** What the user can do about it; appended to the message as `; fix: ...`. */
  readonly fix?: string;
  readonly cause?: unknown;
}

/**
 * The base of every error a user can cause (bad input, a missing package, a wrong flag). Its
 * message is one line, `[cvae] [part] problem; fix: what to do`, complete without a stack trace;
 * apps print it as it is. `part` names where it arose (`tabular`, `backend wasm`, `model`, ...).
 * Recognise it with `CvaeError.is(error)`, which also holds for errors from another copy of
 * @cvae/core (e.g. inside a plugin).
 *
 * @example
 * ```ts
 * throw new CvaeError('tabular', 'cars.csv line 3: expected 9 columns, found 8', { fix: 'quote fields that hold the delimiter' });
 * // [cvae] [tabular] cars.csv line 3: expected 9 columns, found 8; fix: quote fields that hold the delimiter
 * ```
 */
export class CvaeError extends Error {
  readonly [BRAND] = true;
  /** The message without its `[cvae] [part] ` prefix and fix. */
  readonly detail: string;

  constructor(
    readonly part: string,
    problem: string,
    options: CvaeErrorOptions = {},
  ) {
    super(`[cvae] [${part}] ${problem}${options.fix === undefined ? '' : `; fix: ${options.fix}`}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CvaeError';
    this.detail = problem;
    this.fix = options.fix;
  }

  /** What the user can do about it, when the error knows. */
  readonly fix: string | undefined;

  /** Whether `error` is a CvaeError, from this copy of @cvae/core or another one. */
  static is(error: unknown): error is CvaeError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}
