import type { z } from 'zod';
import { CvaeError } from '../errors/cvae-error.js';

/**
 * An invalid configuration value. The message names each bad field and what is allowed.
 *
 * @example
 * ```ts
 * // [cvae] [config] invalid model config: latentSize: latentSize must be at least 1 (found 0)
 * ```
 */
export class ConfigError extends CvaeError {
  constructor(problem: string, fix?: string) {
    super('config', problem, { fix });
    this.name = 'ConfigError';
  }

  /** One ConfigError from a zod error, one line per issue, each naming its field. */
  static fromZod(what: string, error: z.ZodError): ConfigError {
    const lines = error.issues.map((issue) => {
      const field = issue.path.join('.') || '(root)';
      const found = 'input' in issue && issue.input !== undefined ? ` (found ${JSON.stringify(issue.input)})` : '';
      return `${field}: ${issue.message}${found}`;
    });
    return new ConfigError(`invalid ${what}: ${lines.join('; ')}`);
  }
}

/**
 * Parses `input` with a zod schema (filling defaults); throws `ConfigError` naming each bad field.
 *
 * @example
 * ```ts
 * parseOrThrow(modelConfigSchema, 'model config', { inputSize: 784, conditionSize: 10 });
 * ```
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, what: string, input: z.input<S>): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw ConfigError.fromZod(what, result.error);
  return result.data;
}
