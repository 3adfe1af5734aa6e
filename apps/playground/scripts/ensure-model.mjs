// The model the page opens with, trained by the CLI when missing: for `npm run playground`, the
// quick-start model if `npm start` made one (runs/quickstart/model/: the README's first step), else
// runs/playground-model/model/ (5 epochs, ~4 min on 2 cores: classes come out clearly from ~5 epochs on);
// runs/playground-test-model/model/ for the browser tests (2 epochs on 30,000 images, ~1 min).
// $CVAE_PLAYGROUND_MODEL points both at an existing model/ directory instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CLI = join(WORKSPACE, 'apps', 'cli', 'dist', 'main.js');

const KINDS = {
  playground: { dir: 'playground-model', flags: ['--epochs', '5'], minutes: 4, reuse: join('runs', 'quickstart', 'model') },
  test: { dir: 'playground-test-model', flags: ['--epochs', '2', '--train-size', '30000'], minutes: 1 },
};

/**
 * Returns the model directory (model.json + weights.bin), training it with `cvae train` if needed.
 * @param {'playground' | 'test'} kind
 */
export function ensureModel(kind = 'playground', log = (line) => console.log(line)) {
  const { dir: runName, flags, minutes, reuse } = KINDS[kind];
  const dir = resolve(process.env.CVAE_PLAYGROUND_MODEL ?? join(WORKSPACE, 'runs', runName, 'model'));
  if (existsSync(join(dir, 'model.json'))) return dir;
  if (reuse && !process.env.CVAE_PLAYGROUND_MODEL && existsSync(join(WORKSPACE, reuse, 'model.json'))) {
    log(`[playground] using the quick-start model ${reuse} (written by \`npm start\`)`);
    return join(WORKSPACE, reuse);
  }
  if (process.env.CVAE_PLAYGROUND_MODEL) throw new Error(`[cvae] [playground] no model.json in ${dir}; fix: point CVAE_PLAYGROUND_MODEL at a model/ directory written by \`cvae train\``);
  if (!existsSync(CLI)) throw new Error(`[cvae] [playground] ${CLI} is missing; fix: npx nx run @cvae/cli:build`);
  const out = dirname(dir);
  const args = [CLI, 'train', '--dataset', 'mnist', ...flags, '--latent', '20', '--hidden', '400', '--out', out];
  log(`[playground] no model yet: training a quick one, about ${minutes} min on 2 cores; the URL is printed after it (node ${args.slice(1).join(' ')})`);
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`[cvae] [playground] \`cvae train\` exited with ${result.status}; fix: see its output above`);
  return dir;
}
