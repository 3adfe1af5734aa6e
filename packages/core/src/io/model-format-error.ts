/** A model artifact that cannot be loaded; the message names the file, the problem and the fix. */
export class ModelFormatError extends Error {
  constructor(message: string) {
    super(`[cvae] [model] ${message}`);
    this.name = 'ModelFormatError';
  }
}
