import { resolve } from 'node:path';
import { UsageError } from '../usage-error.js';
import { readCheckpoint, type Checkpoint } from './read-checkpoint.js';

/** Flags that change only what is printed, not what is trained: a resumed run may set them anew. */
const OUTPUT_ONLY = new Set(['quiet', 'json']);
/** Flags a resumed run may change on purpose: the step size, to continue a run that diverged. */
export const ADJUSTABLE = new Set(['lr', 'clipNorm']);

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
 * continues the same configuration, or it could not end where the unbroken run would. The
 * exceptions are output flags and `--lr` / `--clip-norm` (continuing a run that diverged).
 *
 * @example
 * ```ts
 * const { options, checkpoint } = await resumeFlags({ resume: 'runs/x', explicit: new Set(['resume']) });
 * ```
 */
export async function resumeFlags(given: GivenFlags & { resume: string }): Promise<{ options: GivenFlags; checkpoint: Checkpoint }> {
  const checkpoint = await readCheckpoint(given.resume);
  const stored = checkpoint.manifest.command;
  // A run folder is data too: the plugin it names is imported only when the user names it again.
  const storedPlugin = stored.options.plugin;
  if (typeof storedPlugin === 'string' && !given.explicit?.has('plugin')) {
    throw new UsageError(`the run in ${given.resume} was trained on a dataset of the plugin "${storedPlugin}"; cvae never runs code named by a run folder`, {
      fix: `name the plugin yourself: cvae train --resume ${given.resume} --plugin ${/^[\w./@-]+$/.test(storedPlugin) ? storedPlugin : 'MODULE'}`,
    });
  }
  const differing = [...(given.explicit ?? [])].filter((flag) => {
    if (flag === 'resume' || flag === 'explicit' || OUTPUT_ONLY.has(flag) || ADJUSTABLE.has(flag)) return false;
    if (flag === 'out') return resolve(String(given.out)) !== resolve(given.resume);
    if (flag === 'plugin' && typeof storedPlugin === 'string') return samePlugin(String(given.plugin), storedPlugin) === false;
    return JSON.stringify(given[flag]) !== JSON.stringify(stored.options[flag]);
  });
  if (differing.length > 0) {
    const show = (value: unknown) => (value === undefined ? 'unset' : Array.isArray(value) ? value.join(',') : String(value));
    const list = differing.map((flag) => `--${kebab(flag)} ${show(given[flag])} (the run used ${show(flag === 'out' ? given.resume : stored.options[flag])})`).join(', ');
    throw new UsageError(`--resume continues a run with the flags it was started with, but these differ: ${list}`, {
      fix: `run \`cvae train --resume ${given.resume}\` alone, or start a new run in another --out folder`,
    });
  }
  const anew = [...OUTPUT_ONLY, ...ADJUSTABLE].filter((flag) => given.explicit?.has(flag));
  const shown = Object.fromEntries(anew.map((flag) => [flag, given[flag]]));
  const options: GivenFlags = { ...stored.options, ...shown, out: given.resume, explicit: new Set([...stored.explicit, ...anew.filter((f) => ADJUSTABLE.has(f))]) };
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

/** Whether two plugin specifiers name the same module: equal, or paths resolving to the same file. */
function samePlugin(given: string, stored: string): boolean {
  if (given === stored) return true;
  const isPath = (s: string) => s.startsWith('.') || s.startsWith('/');
  return isPath(given) && isPath(stored) && resolve(given) === resolve(stored);
}
