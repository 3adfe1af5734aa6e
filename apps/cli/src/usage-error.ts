/** A mistake in the command line: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`[cvae] ${message}`);
    this.name = 'UsageError';
  }
}
