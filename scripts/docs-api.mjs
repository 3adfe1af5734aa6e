// API reference from TSDoc (`npm run docs:api`, part of `npm test`): @cvae/core (+ /testing) with
// typedoc.json, then each other package with typedoc.packages.json, one run per package (TypeDoc's
// "not documented" validation is only reliable with one package per run). Any warning fails the run.
// Output: docs/api/<package>/ (Markdown; built, not committed).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const typedoc = join(root, 'node_modules', '.bin', 'typedoc');
/** Browser entries documented beside the main one (`@cvae/datasets/browser`). */
const BROWSER_ENTRIES = { datasets: 'packages/datasets/src/browser.ts' };
const runs = [
  ['--options', 'typedoc.json'],
  ...['backend-wasm', 'backend-node', 'datasets'].map((name) => [
    '--options', 'typedoc.packages.json', '--name', `@cvae/${name} API`,
    '--entryPoints', `packages/${name}/src/index.ts`, ...(BROWSER_ENTRIES[name] ? ['--entryPoints', BROWSER_ENTRIES[name]] : []),
    '--out', `docs/api/${name}`,
  ]),
];
for (const args of runs) {
  try {
    execFileSync(typedoc, [...args, '--logLevel', 'Warn'], { cwd: root, stdio: 'inherit' });
  } catch {
    console.error(`[docs-api] typedoc ${args.join(' ')} reported warnings or errors (above): document every public export`);
    process.exit(1);
  }
}
console.log(`[docs-api] docs/api/{core,backend-wasm,backend-node,datasets} built with no warnings`);
