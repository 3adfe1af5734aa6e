import { nearestName } from '@cvae/core';
import { InvalidArgumentError, type Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../usage-error.js';

const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Reads `--config FILE` (JSON or YAML: keys are flag names, `hidden: [512, 512]` or
 * `kl-schedule: linear`) into a command's options. Flags given on the command line win; every
 * value goes through the flag's own parser and choices, and an unknown key is refused with the
 * nearest valid flag name.
 *
 * @example
 * ```ts
 * const { options, fromFile } = await withConfigFile(command.opts(), command, 'train.yaml');
 * ```
 */
export async function withConfigFile<T extends Record<string, unknown>>(options: T, command: Command, path: string): Promise<{ options: T; fromFile: Set<string> }> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UsageError(`--config ${path}: the file does not exist or cannot be read`);
  });
  let values: unknown;
  try {
    values = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`--config ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new UsageError(`--config ${path} must hold an object of flag names and values`);
  const known = command.options.filter((o) => o.long !== '--config');
  const merged: Record<string, unknown> = { ...options };
  const fromFile = new Set<string>();
  for (const [key, value] of Object.entries(values)) {
    const option = known.find((o) => o.attributeName() === camel(key));
    if (option === undefined) {
      const nearest = nearestName(`--${kebab(key)}`, known.map((o) => o.long ?? ''));
      throw new UsageError(`--config ${path}: unknown setting "${key}"`, { fix: `did you mean "${nearest.replace(/^--/, '')}"? (settings are the flag names of \`cvae ${command.name()} --help\`)` });
    }
    const name = option.attributeName();
    if (command.getOptionValueSource(name) === 'cli') continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    if (option.argChoices && !option.argChoices.includes(text)) {
      throw new UsageError(`--config ${path}: "${key}" must be one of ${option.argChoices.join(', ')}, found "${text}"`);
    }
    try {
      fromFile.add(name);
      merged[name] = option.isBoolean() ? value === true : option.parseArg ? option.parseArg(text, undefined) : text;
    } catch (error) {
      const reason = error instanceof InvalidArgumentError ? error.message : String(error);
      throw new UsageError(`--config ${path}: "${key}": ${reason}`);
    }
  }
  return { options: merged as T, fromFile };
}
