// Where a TensorFlow C library can come from, without the internet: a path the user names, an
// installed `tensorflow` Python package, or a wheel from pip's configured *local* index.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Package names whose wheels carry libtensorflow_cc (the C API) and the C headers, in order of preference. */
const WHEEL_NAMES = ['tensorflow-cpu', 'tensorflow'];
/** Public hosts: pip is never pointed at these by us (the rule is: no internet download). */
const PUBLIC_HOSTS = /(^|\.)(pypi\.org|pythonhosted\.org|pypi\.python\.org)$/;

/**
 * A candidate source: `kind` is 'dir' (a libtensorflow tarball tree, a wheel's `tensorflow/` package
 * directory or its parent), 'wheel' (.whl) or 'tarball' (.tar.gz / .tgz); `how` says where it was found.
 */
export function classify(path, how) {
  if (!existsSync(path)) throw new Error(`${path} does not exist`);
  if (statSync(path).isDirectory()) return { kind: 'dir', path, how };
  if (path.endsWith('.whl')) return { kind: 'wheel', path, how };
  if (/\.(tar\.gz|tgz)$/.test(path)) return { kind: 'tarball', path, how };
  throw new Error(`${path} is neither a directory, a .whl nor a .tar.gz`);
}

function python() {
  for (const candidate of ['python3', 'python']) {
    if (spawnSync(candidate, ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

/** The `tensorflow` package directory of an installed TensorFlow (found without importing it). */
export function installedPythonTensorflow() {
  const py = python();
  if (!py) return undefined;
  const code = "import importlib.util as u; s=u.find_spec('tensorflow'); print(s.submodule_search_locations[0] if s else '')";
  const dir = spawnSync(py, ['-c', code], { encoding: 'utf8' }).stdout?.trim();
  return dir && existsSync(join(dir, 'libtensorflow_cc.so.2')) ? dir : undefined;
}

/** pip's configured index URLs and find-links that are not the public PyPI. */
export function localPipIndexes() {
  const py = python();
  if (!py) return { py, indexes: [], findLinks: [] };
  const listed = spawnSync(py, ['-m', 'pip', 'config', 'list'], { encoding: 'utf8' }).stdout ?? '';
  const values = (key) =>
    listed.split('\n').filter((l) => l.split('=')[0].endsWith(`.${key}`)).flatMap((l) => l.slice(l.indexOf('=') + 1).replace(/^'|'$/g, '').split(/\s+/)).filter(Boolean);
  const isLocal = (url) => {
    if (!/^https?:/.test(url)) return true;
    return !PUBLIC_HOSTS.test(new URL(url).hostname);
  };
  const indexes = [...new Set([...values('index-url'), ...values('extra-index-url')])].filter(isLocal);
  const findLinks = [...new Set(values('find-links'))].filter(isLocal);
  return { py, indexes, findLinks };
}

/**
 * Downloads (copies) a TensorFlow wheel from pip's local indexes only: `--index-url` replaces the
 * default PyPI, so nothing comes from the internet. Returns the wheel source or undefined.
 */
export function wheelFromLocalPip(log) {
  const { py, indexes, findLinks } = localPipIndexes();
  if (!py || indexes.length + findLinks.length === 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cvae-tf-wheel-'));
  const where = [...(indexes.length ? ['--index-url', indexes[0], ...indexes.slice(1).flatMap((u) => ['--extra-index-url', u])] : ['--no-index'])];
  for (const name of WHEEL_NAMES) {
    log(`looking for a ${name} wheel in pip's local index (${[...indexes, ...findLinks].join(', ')}) ...`);
    const args = ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '-q', '-d', dir, ...where, ...findLinks.flatMap((f) => ['--find-links', f]), name];
    if (spawnSync(py, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, PIP_NO_INPUT: '1' } }).status !== 0) continue;
    const wheel = readdirSync(dir).find((f) => f.endsWith('.whl'));
    if (wheel) return { kind: 'wheel', path: join(dir, wheel), how: `pip download ${name} from ${indexes[0] ?? findLinks[0]}`, temporary: dir };
  }
  return undefined;
}

/** The first source that exists: `--from` / $CVAE_TENSORFLOW, an installed Python TensorFlow, pip's local index. */
export function findTensorflow(named, log) {
  if (named) return classify(named, named === process.env.CVAE_TENSORFLOW ? 'CVAE_TENSORFLOW' : '--from');
  const installed = installedPythonTensorflow();
  if (installed) return { kind: 'dir', path: installed, how: 'the installed tensorflow Python package' };
  return wheelFromLocalPip(log);
}

