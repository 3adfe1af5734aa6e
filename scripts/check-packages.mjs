// Checks that every package under packages/ is publishable as consumers will see it:
// our own rules on package.json (exports with types + default, files, sideEffects, engines, license,
// repository, a README with a usage example, tfjs/inversify/@cvae as peers so the consumer holds one
// copy), then publint --strict and @arethetypeswrong/cli on the packed package. Run after the build.
// Usage: node scripts/check-packages.mjs [package-dir ...]   (default: every packages/* directory)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
/**
 * Packages a consumer must hold exactly once (global registries, engines, DI classes): peers. @cvae/core
 * holds registries too, but is an exact dependency: the @cvae packages are released in lockstep (a fixed
 * changesets group), so npm dedupes it, and an exact peer would make changesets bump dependents to a major.
 */
const SHARED = [/^@tensorflow\//, /^inversify$/];

function fieldProblems(dir, pkg) {
  const problems = [];
  const need = (ok, text) => ok || problems.push(text);
  need(pkg.private !== true, 'is private');
  need(pkg.type === 'module', '"type" must be "module"');
  need(typeof pkg.license === 'string', 'no "license"');
  need(pkg.repository?.url && pkg.repository?.directory === dir, `"repository" needs a url and "directory": "${dir}"`);
  need(pkg.engines?.node, 'no "engines.node"');
  need(/publish-guard\.mjs/.test(pkg.scripts?.prepublishOnly ?? ''), '"scripts.prepublishOnly" must run ../../scripts/publish-guard.mjs (refuses the placeholder repository URL)');
  need(Array.isArray(pkg.files) && pkg.files.length > 0, 'no "files"');
  need(pkg.sideEffects !== undefined, 'no "sideEffects" (false, or the list of files with side effects)');
  need(pkg.exports && typeof pkg.exports === 'object', 'no "exports" map');
  for (const [entry, target] of Object.entries(pkg.exports ?? {})) {
    const keys = typeof target === 'object' ? Object.keys(target) : [];
    need(keys[0] === 'types' && keys.at(-1) === 'default', `exports["${entry}"] must list "types" first and "default" last`);
  }
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    need(!SHARED.some((re) => re.test(name)), `${name} is a dependency; make it a peerDependency (and a devDependency)`);
  }
  for (const [name, version] of Object.entries(pkg.dependencies ?? {})) {
    need(!name.startsWith('@cvae/') || version === pkg.version, `${name}@${version} must be pinned to this release (${pkg.version})`);
  }
  for (const [name, version] of Object.entries(pkg.peerDependencies ?? {})) {
    const optional = pkg.peerDependenciesMeta?.[name]?.optional;
    need(optional || pkg.devDependencies?.[name] === version, `peer ${name}@${version} is not also a devDependency at the same version`);
  }
  const readme = join(root, dir, 'README.md');
  need(existsSync(readme) && /```ts[\s\S]*import[\s\S]*```/.test(readFileSync(readme, 'utf8')), 'README.md with a ```ts usage example is missing');
  return problems;
}

/**
 * Browser entries (export keys naming `browser`, and `browser` conditions) must reach no Node built-in:
 * walks the built files' relative imports from the entry and names the first chain that does.
 */
function browserProblems(cwd, pkg) {
  const entries = Object.entries(pkg.exports ?? {}).flatMap(([key, target]) =>
    typeof target === 'object' ? Object.entries(target).filter(([cond]) => cond === 'browser' || (key.includes('browser') && cond === 'default')).map(([, file]) => file) : [],
  );
  const builtins = new Set(builtinModules);
  const problems = [];
  const seen = new Set();
  const visit = (file, chain) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!existsSync(file)) return void problems.push(`${chain.join(' -> ')}: ${file} is missing (build first)`);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:^|[;\s])(?:import|export)\s[^'"]*?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
      if (specifier === undefined) continue;
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier), [...chain, specifier]);
      else if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0])) problems.push(`browser entry reaches the Node built-in "${specifier}": ${chain.join(' -> ')}`);
    }
  };
  for (const entry of entries) visit(resolve(cwd, entry), [entry]);
  return problems;
}

function run(command, args, cwd) {
  try {
    return { ok: true, output: execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

const dirs = process.argv.length > 2 ? process.argv.slice(2) : readdirSync(join(root, 'packages')).map((d) => `packages/${d}`);
let failures = 0;
for (const dir of dirs) {
  const started = performance.now();
  const cwd = join(root, dir);
  const pkg = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
  const problems = [...fieldProblems(dir, pkg), ...browserProblems(cwd, pkg)];
  // Warnings fail (--strict). Suggestions are printed but allowed: the one left is core's `browser` field, which remaps
  // an internal side-effect file (the gradient registrations) for bundlers — export conditions cannot remap a
  // package's own relative imports, so that field is the standard tool for it.
  const publint = run(bin('publint'), ['--strict', '--level', 'warning'], cwd);
  if (!publint.ok || /Warnings:|Errors:/.test(publint.output)) problems.push(`publint:\n${publint.output}`);
  // ESM only, by design: require() users get a clear ERR_REQUIRE_ESM / dynamic import.
  const attw = run(bin('attw'), ['--pack', '.', '--profile', 'esm-only', '--no-definitely-typed', '--format', 'ascii', '--no-color'], cwd);
  if (!attw.ok) problems.push(`attw:\n${attw.output}`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (problems.length === 0) console.log(`[check-packages] ${pkg.name}: ok (${seconds} s)`);
  else {
    failures++;
    console.error(`[check-packages] ${pkg.name}: ${problems.length} problem(s)\n  - ${problems.join('\n  - ')}`);
  }
}
process.exitCode = failures > 0 ? 1 : 0;
