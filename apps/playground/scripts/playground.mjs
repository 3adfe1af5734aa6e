// `npm run playground`: builds the page, makes sure there is a model to open, and serves both on
// 127.0.0.1 with the cross-origin isolation headers wasm threads need. Ctrl-C stops it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureModel, WORKSPACE } from './ensure-model.mjs';
import { serveStatic } from './serve.mjs';

const port = Number(process.env.PORT ?? 5180);
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=@cvae/playground,@cvae/cli', '--output-style=static'], {
  cwd: WORKSPACE,
  stdio: 'inherit',
  env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
});
if (build.status !== 0) process.exit(build.status ?? 1);
const model = ensureModel();
const { url } = await serveStatic({ root: join(WORKSPACE, 'apps', 'playground', 'dist'), mounts: { '/model/': model }, isolate: true, port });
console.log(`[playground] model: ${model}`);
console.log(`[playground] serving on ${url} (cross-origin isolated; Ctrl-C to stop)`);
