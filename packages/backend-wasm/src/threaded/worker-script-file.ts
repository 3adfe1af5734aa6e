import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CvaeError } from '@cvae/core';

/**
 * Writes the emscripten pthread worker script to a real file and returns its absolute path.
 *
 * Why a file: Node's `worker_threads.Worker` starts only from a file path (or an ES-module
 * `data:` URL, where `require` is missing). tfjs hands emscripten a `blob:` URL instead, which
 * Node rejects with ERR_WORKER_PATH — that is why tfjs never runs threaded in Node. The script
 * calls `require`, so it must be CommonJS: hence the `.cjs` extension.
 *
 * Why a content hash in the name: every process (and every tfjs version) reuses the same file,
 * so there is nothing to clean up at exit — which a killed process could not do anyway — and
 * concurrent processes cannot clobber each other's script.
 *
 * Why a private directory: Node executes whatever sits at that path, and the system temp
 * directory is shared; a directory only this user can write into rules out a planted script.
 */
export function workerScriptFile(contents: string): string {
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const file = path.join(privateTempDir(), `tfjs-backend-wasm-threaded-simd.worker-${hash}.cjs`);
  if (hasContents(file, contents)) return file;
  // Write under a unique name, then rename (atomic): no process ever starts a half-written script.
  const partial = `${file}.${process.pid}-${Date.now()}.tmp`;
  fs.writeFileSync(partial, contents, { mode: 0o600 });
  fs.renameSync(partial, file);
  return file;
}

function privateTempDir(): string {
  const uid = process.getuid?.();
  const dir = path.join(os.tmpdir(), `cvae-wasm-threads-${uid ?? os.userInfo().username}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  // POSIX only (process.getuid is undefined on Windows, whose temp dir is per-user already).
  const foreign = uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0);
  if (!stat.isDirectory() || foreign) {
    throw new CvaeError('backend wasm', `${dir} is not a directory private to this user; remove it and retry`);
  }
  return dir;
}

function hasContents(file: string, contents: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8') === contents;
  } catch {
    return false;
  }
}
