import { spawn, type ChildProcess } from 'node:child_process';
import { cli } from './run-cli.js';

/** A `cvae` process running in the background, for tests that signal or kill it mid-run. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Resolves when it ends: exit code (null when killed), the signal, and both streams. */
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * Starts the built CLI under plain node without waiting for it.
 *
 * @example
 * ```ts
 * const run = spawnCli(['train', ...]); run.child.kill('SIGKILL'); await run.done;
 * ```
 */
export function spawnCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/**
 * Resolves once `condition()` holds (polled every `pollMs` ms) or `running` has ended; says which.
 *
 * @example
 * ```ts
 * expect(await waitFor(async () => existsSync(path), run)).toBe('ready');
 * ```
 */
export async function waitFor(condition: () => Promise<boolean>, running: RunningCli, pollMs = 5): Promise<'ready' | 'ended'> {
  let ended = false;
  void running.done.then(() => (ended = true));
  for (;;) {
    if (await condition()) return 'ready';
    if (ended) return 'ended';
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
