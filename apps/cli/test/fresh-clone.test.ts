import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// After the README's `npm ci` and a build on a fresh clone, `npx cvae --help` must work: the bin
// link once went missing because it pointed at dist/, which does not exist when npm ci runs.
const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const isCheckout = existsSync(join(root, '.git'));

describe('a fresh clone', () => {
  it.skipIf(!isCheckout && process.env.CVAE_REQUIRE_ALL !== '1')('links the cvae command at npm ci, and it runs once built', async () => {
    if (!isCheckout) console.warn(`skipped: ${root} is not a git checkout, so there is nothing to clone`);
    expect(isCheckout, `${root} is not a git checkout`).toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'cvae-clone-'));
    try {
      await exec('git', ['clone', '--quiet', root, dir]);
      await exec('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, maxBuffer: 1 << 26 });
      // The link exists before any build, and says what to do.
      const unbuilt = await exec(join(dir, 'node_modules', '.bin', 'cvae'), ['--help'], { cwd: dir }).catch((e: { code: number; stderr: string }) => e);
      expect('stderr' in unbuilt ? unbuilt.stderr : '').toMatch(/not built yet; fix: run `npm run build`/);
      await exec('npx', ['nx', 'run-many', '-t', 'build', '--projects=@cvae/cli', '--output-style=static'], {
        cwd: dir,
        maxBuffer: 1 << 26,
        env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      });
      const { stdout } = await exec('npx', ['cvae', '--help'], { cwd: dir });
      expect(stdout).toMatch(/Usage: cvae \[options\] \[command\]/);
      expect(stdout).toMatch(/train .*\n[\s\S]*doctor/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
