#!/usr/bin/env node
// `npm run setup:native [-- --from PATH]`: builds @tensorflow/tfjs-node's binding against a TensorFlow C
// library found on this machine, never downloading from the internet. See docs/native-backend.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTensorflow } from './native/find-tensorflow.mjs';
import { missingSymbols, placeLibrary, REQUIRED_SYMBOLS, unpack } from './native/stage.mjs';

const TFJS_NODE_VERSION = '4.22.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'node_modules', '@tensorflow', 'tfjs-node');
const deps = join(pkgDir, 'deps');
const FIXES =
  'fix: (1) online, `npm install @tensorflow/tfjs-node@4.22.0` where its libtensorflow download works; ' +
  '(2) a libtensorflow tarball: `npm run setup:native -- --from libtensorflow-cpu-linux-x86_64-X.Y.Z.tar.gz` (or set TFJS_NODE_BASE_URI to a mirror and reinstall tfjs-node); ' +
  '(3) a local wheel: `npm run setup:native -- --from tensorflow_cpu-*.whl`, or put tensorflow-cpu in pip\'s local index; ' +
  'or use --backend wasm';

const log = (line) => console.error(`[cvae] [setup native] ${line}`);
/** Temporary unpack directories, removed on every exit. */
const temporary = [];
process.on('exit', () => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function fail(what, fix = FIXES) {
  console.error(`[cvae] [setup native] ${what}; ${fix}`);
  process.exit(1);
}

function namedSource(argv) {
  const i = argv.findIndex((a) => a === '--from' || a.startsWith('--from='));
  if (i < 0) return process.env.CVAE_TENSORFLOW || undefined;
  return argv[i].includes('=') ? argv[i].slice('--from='.length) : argv[i + 1];
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}` };
}

/** tfjs-node's JavaScript package without its install script (which would download libtensorflow). */
function ensurePackage() {
  const installed = () => existsSync(join(pkgDir, 'package.json')) && JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  if (installed() === TFJS_NODE_VERSION) return;
  log(`installing @tensorflow/tfjs-node@${TFJS_NODE_VERSION} from the lockfile without its install script ...`);
  // The lockfile lists it as optional; npm removed it when its download script failed in `npm ci`.
  const npm = run('npm', ['install', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund']);
  if (!npm.ok || installed() !== TFJS_NODE_VERSION) fail(`npm could not install @tensorflow/tfjs-node@${TFJS_NODE_VERSION} (${npm.output.trim().split('\n').at(-1)})`, 'fix: check that the npm registry is reachable and run `npm ci` first');
}

/** Compiles the binding from source: no prebuilt-addon download, Node's own headers. */
function build() {
  const nodedir = dirname(dirname(process.execPath));
  const env = { npm_config_build_from_source: 'true' };
  if (existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) env.npm_config_nodedir = nodedir;
  rmSync(join(pkgDir, 'lib'), { recursive: true, force: true });
  const started = Date.now();
  const rebuilt = run('npm', ['rebuild', '@tensorflow/tfjs-node', '--foreground-scripts'], env);
  if (!rebuilt.ok) {
    console.error(rebuilt.output.split('\n').slice(-25).join('\n'));
    fail('building the tfjs-node binding failed (output above)', 'fix: install g++, make and python3 (node-gyp needs them), or see docs/native-backend.md');
  }
  return (Date.now() - started) / 1000;
}

/** Loads the built binding in a fresh process: the backend name and TensorFlow's own version string. */
function verify() {
  const code = "const tf = require('@tensorflow/tfjs-node'); console.log(JSON.stringify({ backend: tf.getBackend(), version: tf.backend().binding.TF_Version, sum: tf.add(1, 2).dataSync()[0] }));";
  const loaded = run(process.execPath, ['-e', code]);
  const line = loaded.output.trim().split('\n').find((l) => l.startsWith('{'));
  const info = loaded.ok && line ? JSON.parse(line) : undefined;
  if (!info || info.backend !== 'tensorflow' || info.sum !== 3) fail(`the built binding does not load (${loaded.output.trim().split('\n').slice(-3).join(' | ')})`, 'fix: see docs/native-backend.md; `npm ci` restores a clean node_modules');
  return info;
}

let source;
try {
  source = findTensorflow(namedSource(process.argv.slice(2)), log);
} catch (error) {
  fail(`cannot use ${namedSource(process.argv.slice(2))}: ${error.message}`);
}
if (!source) fail("no TensorFlow C library found (no --from or CVAE_TENSORFLOW, no installed tensorflow Python package, no tensorflow-cpu/tensorflow wheel in pip's local index)");
log(`using ${source.path} (${source.how})`);
if (source.temporary) temporary.push(source.temporary);
let library;
try {
  library = unpack(source);
  if (library.temporary) temporary.push(library.temporary);
} catch (error) {
  fail(`cannot use ${source.path}: ${error.message}`);
}
if (!existsSync(library.framework)) fail(`${library.framework} is missing (it comes with ${library.cc})`);
const missing = missingSymbols(library.cc, library.framework);
if (missing.length > 0) fail(`${library.cc} with its framework library lacks ${missing.length} C API functions tfjs-node calls (${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', ...' : ''})`);
log(`${library.cc} and libtensorflow_framework export all ${REQUIRED_SYMBOLS.length} C API functions tfjs-node calls (nm -D)`);

ensurePackage();
const tfjsLibVersion = createRequire(import.meta.url)(join(pkgDir, 'scripts', 'deps-constants.js')).LIBTENSORFLOW_VERSION;
rmSync(deps, { recursive: true, force: true });
placeLibrary(library, deps, tfjsLibVersion);
log(`placed the library and C headers in ${deps}; building the binding ...`);
const seconds = build();
const info = verify();
const record = { tensorflowVersion: info.version, library: realpathSync(join(deps, 'lib', 'libtensorflow.so')), source: source.temporary ? source.path.split('/').at(-1) : source.path, how: source.how, tfjsNode: TFJS_NODE_VERSION, builtAt: new Date().toISOString() };
// Read by @cvae/backend-node to say which library it runs on.
writeFileSync(join(deps, 'cvae-native.json'), `${JSON.stringify(record, null, 2)}\n`);
log(`done: tfjs-node ${TFJS_NODE_VERSION} built in ${seconds.toFixed(0)} s against TensorFlow ${info.version} (${record.library}; from ${record.source}, ${source.how}); backend "${info.backend}" loads`);
