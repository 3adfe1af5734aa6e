#!/usr/bin/env node
// The `cvae` command's entry. It is committed (dist/ is not) so that `npm ci` on a fresh clone
// links it into node_modules/.bin: npm creates bin links at install time, before any build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('[cvae] [cli] the cvae command is not built yet; fix: run `npm run build` (or `npm start`) in the repository first\n');
  process.exit(1);
}
await import(main.href);
