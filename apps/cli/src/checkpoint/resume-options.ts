import { resolve } from 'node:path';
import { UsageError } from '../usage-error.js';
import { readCheckpoint, type Checkpoint } from './read-checkpoint.js';

/** The `cvae train` flags as main.ts passes them: values, and which ones the user set. */
export interface GivenFlags {
  readonly resume?: string;
  readonly out?: string;
  readonly explicit?: ReadonlySet<string>;
  readonly [flag: string]: unknown;
}

/**
 * For `cvae train --resume DIR`: reads DIR's checkpoint and returns the flags the run was started
 * with (and `out` = DIR). Flags given next to --resume must equal the stored ones: a resumed run
 * continues the same configuration, or it could not end where the unbroken run would.
 *
 * @example
 * ```ts
 * const { options, checkpoint } = await resumeFlags({ resume: 'runs/x', explicit: new Set(['resume']) });
 * ```
 */
export async function resumeFlags(given: GivenFlags & { resume: string }): Promise<{ options: GivenFlags; checkpoint: Checkpoint }> {
  const checkpoint = await readCheckpoint(given.resume);
  const stored = checkpoint.manifest.command;
  const differing = [...(given.explicit ?? [])].filter((flag) => {
    if (flag === 'resume' || flag === 'explicit') return false;
    if (flag === 'out') return resolve(String(given.out)) !== resolve(given.resume);
    return JSON.stringify(given[flag]) !== JSON.stringify(stored.options[flag]);
  });
  if (differing.length > 0) {
    const show = (value: unknown) => (value === undefined ? 'unset' : Array.isArray(value) ? value.join(',') : String(value));
    const list = differing.map((flag) => `--${kebab(flag)} ${show(given[flag])} (the run used ${show(flag === 'out' ? given.resume : stored.options[flag])})`).join(', ');
    throw new UsageError(`--resume continues a run with the flags it was started with, but these differ: ${list}`, {
      fix: `run \`cvae train --resume ${given.resume}\` alone, or start a new run in another --out folder`,
    });
  }
  const options: GivenFlags = { ...stored.options, out: given.resume, explicit: new Set(stored.explicit) };
  return { options, checkpoint };
}

/**
 * The flags to store in a checkpoint: the given values (JSON-safe) and the names the user set.
 *
 * @example
 * ```ts
 * commandRecord({ dataset: 'mnist', epochs: 3 }, new Set(['dataset'])); // { options: {...}, explicit: ['dataset'] }
 * ```
 */
export function commandRecord(given: GivenFlags, explicit: ReadonlySet<string>): { options: Record<string, unknown>; explicit: string[] } {
  const options = Object.fromEntries(Object.entries(given).filter(([flag]) => flag !== 'explicit' && flag !== 'resume'));
  return { options, explicit: [...explicit].filter((flag) => flag !== 'resume') };
}

function kebab(flag: string): string {
  return flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
