// Release dry run: what `changeset version` would do (versions, internal dependency ranges, changelogs),
// applied to a throwaway copy of the workspace's manifests, then `npm publish --dry-run` of each public
// package as it is now. Nothing in the work tree changes. Real release: `npx changeset version`, review,
// commit, then `npx changeset publish`.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const changeset = join(root, 'node_modules', '.bin', 'changeset');
const groups = ['packages', 'apps', 'tests'];
const manifests = groups.flatMap((g) =>
  readdirSync(join(root, g)).map((d) => join(g, d, 'package.json')).filter((p) => existsSync(join(root, p))),
);

const copy = mkdtempSync(join(tmpdir(), 'cvae-release-'));
try {
  for (const file of ['package.json', ...manifests]) cpSync(join(root, file), join(copy, file));
  cpSync(join(root, '.changeset'), join(copy, '.changeset'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: copy });
  execFileSync(changeset, ['version'], { cwd: copy, stdio: ['ignore', 'inherit', 'inherit'] });
  for (const file of manifests) {
    const before = JSON.parse(readFileSync(join(root, file), 'utf8'));
    const after = JSON.parse(readFileSync(join(copy, file), 'utf8'));
    if (before.version !== after.version) console.log(`[release] ${after.name}: ${before.version} -> ${after.version}`);
  }
  const changelog = join(copy, 'packages/core/CHANGELOG.md');
  if (existsSync(changelog)) console.log(`[release] packages/core/CHANGELOG.md would read:\n${readFileSync(changelog, 'utf8')}`);
} finally {
  rmSync(copy, { recursive: true, force: true });
}

for (const dir of readdirSync(join(root, 'packages'))) {
  const cwd = join(root, 'packages', dir);
  const run = spawnSync('npm', ['publish', '--dry-run', '--access', 'public', '--loglevel=notice'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status !== 0) throw new Error(`[release] npm publish --dry-run failed in ${cwd}:\n${run.stdout}${run.stderr}`);
  console.log(`[release] npm publish --dry-run: ${run.stdout.trim().split('\n').at(-1)}`);
  // The publish guard (prepublishOnly) lets dry runs through; say what would stop the real one.
  for (const line of run.stderr.split('\n').filter((l) => l.includes('[cvae] [publish]'))) console.log(`[release] a real publish would be refused: ${line}`);
}
