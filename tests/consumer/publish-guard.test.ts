import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_REPOSITORY } from '../../scripts/publish-guard.mjs';
import { PACKAGES, WORKSPACE } from './consumer-project.js';

const guard = join(WORKSPACE, 'scripts', 'publish-guard.mjs');
const env = (dryRun: boolean) => {
  const e: NodeJS.ProcessEnv = { ...process.env };
  delete e.npm_config_dry_run;
  return dryRun ? { ...e, npm_config_dry_run: 'true' } : e;
};

describe('the publish guard (prepublishOnly of every package)', () => {
  it.each(PACKAGES)('refuses a real publish of %s while repository.url is the placeholder, naming the fix', (name) => {
    const run = spawnSync(process.execPath, [guard], { cwd: join(WORKSPACE, 'packages', name), env: env(false), encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(PLACEHOLDER_REPOSITORY);
    expect(run.stderr).toMatch(/fix: set "repository.url"/);
  });

  it('lets a dry run through with the warning, and a package with a real URL through silently', () => {
    const dry = spawnSync(process.execPath, [guard], { cwd: join(WORKSPACE, 'packages', 'core'), env: env(true), encoding: 'utf8' });
    expect(dry.status).toBe(0);
    expect(dry.stderr).toMatch(/dry run: allowed/);
    const dir = mkdtempSync(join(tmpdir(), 'cvae-guard-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', repository: { url: 'git+https://example.org/real.git' } }));
      expect(execFileSync(process.execPath, [guard], { cwd: dir, env: env(false), encoding: 'utf8' })).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
