import type { z } from 'zod';
import { CvaeError } from '../errors/cvae-error.js';
import { nearestName } from '../errors/nearest-name.js';

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
  refuseUnknownFields(schema, what, input);
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw ConfigError.fromZod(what, result.error);
  return result.data;
}

/**
 * An object schema silently drops fields it does not know; a misspelt option ("learningrate")
 * would then be ignored. Refuse it instead, naming the nearest known field.
 */
function refuseUnknownFields(schema: z.ZodType, what: string, input: unknown): void {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  if (shape === undefined || input === null || typeof input !== 'object' || Array.isArray(input)) return;
  const known = Object.keys(shape);
  const unknown = Object.keys(input).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new ConfigError(`invalid ${what}: unknown field "${unknown}" (expected one of ${known.join(', ')})`, `did you mean "${nearestName(unknown, known)}"?`);
  }
}
