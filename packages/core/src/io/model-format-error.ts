import { CvaeError } from '../errors/cvae-error.js';

/** A model artifact that cannot be loaded; the message names the file, the problem and the fix. */
export class ModelFormatError extends CvaeError {
  constructor(message: string, fix?: string) {
    super('model', message, { fix });
    this.name = 'ModelFormatError';
  }
}
