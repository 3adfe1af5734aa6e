// Builds a consumer project outside the workspace from packed tarballs: what `npm install @cvae/...`
// gives a user, with no workspace links to hide a missing file, export or dependency.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const WORKSPACE = new URL('../..', import.meta.url).pathname;
/** The packages a consumer installs, and the peers they ask the consumer to hold (pinned as in the workspace). */
export const PACKAGES = ['core', 'backend-wasm', 'backend-node', 'datasets'];
export const PEERS = {
  '@tensorflow/tfjs-core': '4.22.0',
  '@tensorflow/tfjs-backend-wasm': '4.22.0',
  inversify: '8.2.2',
  // @cvae/core/testing's describeDatasetAdapter is a vitest suite (an optional peer).
  vitest: '4.1.12',
};
/** Build tools of the consumer project: tsc, and Vite (rolldown) to bundle the page (pinned as in the workspace). */
const TOOLS = { typescript: '5.9.3', '@types/node': '20.19.25', vite: '8.4.0' };

export interface Step {
  readonly output: string;
  readonly seconds: number;
}

/** Runs a command, returning stdout (and stderr on failure, in the error message). */
export async function step(command: string, args: string[], cwd: string): Promise<Step> {
  const started = performance.now();
  try {
    const { stdout } = await run(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } });
    return { output: stdout, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

/** `npm pack`s every package (built beforehand) into `dir`; returns tarball paths by package name. */
export async function packAll(dir: string): Promise<Record<string, string>> {
  const tarballs: Record<string, string> = {};
  for (const name of PACKAGES) {
    const { output } = await step('npm', ['pack', '--json', '--pack-destination', dir], join(WORKSPACE, 'packages', name));
    const [info] = JSON.parse(output) as { name: string; filename: string }[];
    tarballs[info.name] = join(dir, info.filename);
  }
  return tarballs;
}

/**
 * A fresh project in the system temp dir: the fixture's sources, a package.json naming the tarballs
 * and the pinned peers, installed with npm from its local cache. Install scripts are skipped: the one
 * that matters, tfjs-node's, downloads libtensorflow (backend-node treats tfjs-node as optional).
 */
export async function createConsumerProject(): Promise<{ root: string; installSeconds: number; packSeconds: number }> {
  const root = mkdtempSync(join(tmpdir(), 'cvae-consumer-'));
  const tarballDir = join(root, 'tarballs');
  mkdirSync(tarballDir);
  const packStarted = performance.now();
  const tarballs = await packAll(tarballDir);
  const packSeconds = (performance.now() - packStarted) / 1000;
  const project = join(root, 'project');
  cpSync(new URL('./fixture', import.meta.url), project, { recursive: true });
  const dependencies = { ...Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`])), ...PEERS };
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'cvae-consumer', private: true, type: 'module', dependencies, devDependencies: TOOLS }, null, 2)}\n`,
  );
  const install = await step('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], project);
  return { root, installSeconds: install.seconds, packSeconds };
}

/** Every installed copy of a package under `node_modules` (nested ones included). */
export function installedCopies(dir: string, name: string): string[] {
  const found: string[] = [];
  const visit = (modules: string) => {
    let entries: string[];
    try {
      entries = readdirSync(modules);
    } catch {
      return;
    }
    for (const entry of entries) {
      const paths = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((e) => join(entry, e)) : [entry];
      for (const p of paths) {
        if (p === name) found.push(join(modules, p));
        visit(join(modules, p, 'node_modules'));
      }
    }
  };
  visit(join(dir, 'node_modules'));
  return found;
}
