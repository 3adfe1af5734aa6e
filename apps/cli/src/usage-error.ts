import { CvaeError } from '@cvae/core';

/** A mistake in the command line: printed without a stack trace, exit code 2. */
export class UsageError extends CvaeError {
  constructor(message: string, options: { fix?: string } = {}) {
    super('cli', message, options);
    this.name = 'UsageError';
  }
}
