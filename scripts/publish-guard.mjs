// `prepublishOnly` of every package: refuses a real `npm publish` while the package's repository URL is
// still the placeholder. This repository has no git remote yet, so no real URL can be written down;
// publishing with a made-up one would send users (and npm's provenance) to a page that is not ours.
// A dry run (`npm publish --dry-run`, `npm run release:dry-run`) passes with the same message as a warning.
// Fix before the first release: set "repository.url" in every packages/*/package.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The URL the packages carry until the project has a public repository. */
export const PLACEHOLDER_REPOSITORY = 'git+https://github.com/cvae-js/cvae.git';

/** The refusal for the package in `dir`, or undefined when it may be published. */
export function publishRefusal(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.repository?.url !== PLACEHOLDER_REPOSITORY) return undefined;
  return `[cvae] [publish] ${pkg.name}: "repository.url" is still the placeholder ${PLACEHOLDER_REPOSITORY} (this repository has no remote yet); fix: set "repository.url" in every packages/*/package.json to the real public repository, then publish`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const refusal = publishRefusal(process.cwd());
  if (refusal && process.env.npm_config_dry_run === 'true') console.warn(`${refusal} (dry run: allowed)`);
  else if (refusal) {
    console.error(refusal);
    process.exitCode = 1;
  }
}
