import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The built CLI, run under plain node (not vitest's transform): proves the dist output works on its own. */
export const cli = fileURLToPath(new URL('../dist/main.js', import.meta.url));
/** The built sample plugin (Nx builds it before these tests: an implicit dependency of the CLI). */
export const plugin = fileURLToPath(new URL('../../plugin-sample/dist/index.js', import.meta.url));

/** Runs `cvae ...args`, resolving with the exit code and both streams (never rejects). */
export function runCli(args: string[], options: { cwd?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [cli, ...args], { maxBuffer: 1 << 24, cwd: options.cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}
