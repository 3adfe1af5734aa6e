import { open, readdir, readlink, rename, rm, symlink, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECKPOINT_FILE, CHECKPOINT_LINK } from './checkpoint-format.js';

/** Folder names of the checkpoint generations, e.g. `checkpoint-000012`. */
const GENERATION = /^checkpoint-(\d{6,})$/;

/**
 * Writes `files` as the run's new checkpoint without ever exposing a half-written one: the files go
 * into a fresh generation folder and are fsynced, `checkpoint.json` last, then the `checkpoint`
 * symlink is replaced by `rename` (atomic on POSIX) to point at it, and older generations are
 * removed. A crash at any moment leaves `checkpoint` pointing at the previous complete generation
 * or at the new complete one. (Directories cannot be renamed over non-empty ones, hence the link.)
 *
 * @example
 * ```ts
 * await writeCheckpointFiles('runs/x', { 'weights.bin': bytes, 'checkpoint.json': text });
 * ```
 */
export async function writeCheckpointFiles(runDir: string, files: Readonly<Record<string, Uint8Array | string>>): Promise<string> {
  const current = await currentGeneration(runDir);
  const name = `checkpoint-${String((current ?? 0) + 1).padStart(6, '0')}`;
  const dir = join(runDir, name);
  // A folder of that name can only be the remains of a save that was killed.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir);
  const ordered = Object.keys(files).sort((a, b) => Number(a === CHECKPOINT_FILE) - Number(b === CHECKPOINT_FILE));
  for (const file of ordered) await writeDurably(join(dir, file), files[file]);
  await syncDir(dir);
  const link = join(runDir, `${CHECKPOINT_LINK}.tmp-${process.pid}`);
  await rm(link, { force: true });
  await symlink(name, link);
  await rename(link, join(runDir, CHECKPOINT_LINK));
  await syncDir(runDir);
  await removeStaleGenerations(runDir, name);
  return join(runDir, CHECKPOINT_LINK);
}

/**
 * Removes the checkpoint link and every generation, e.g. when a fresh run starts in an old run folder.
 *
 * @example
 * ```ts
 * await removeCheckpoints('runs/x'); // runs/x/checkpoint and runs/x/checkpoint-* are gone
 * ```
 */
export async function removeCheckpoints(runDir: string): Promise<void> {
  await rm(join(runDir, CHECKPOINT_LINK), { force: true });
  await removeStaleGenerations(runDir, undefined);
}

/**
 * Deletes generation folders other than `keep` (older ones, and the remains of killed saves).
 *
 * @example
 * ```ts
 * await removeStaleGenerations('runs/x', 'checkpoint-000012');
 * ```
 */
export async function removeStaleGenerations(runDir: string, keep: string | undefined): Promise<void> {
  const entries = await readdir(runDir).catch(() => [] as string[]);
  for (const entry of entries) {
    if (entry !== keep && GENERATION.test(entry)) await rm(join(runDir, entry), { recursive: true, force: true });
  }
}

/**
 * The number of the generation `checkpoint` points at, if any (a new one is published when it grows).
 *
 * @example
 * ```ts
 * await currentGeneration('runs/x'); // 12 when runs/x/checkpoint -> checkpoint-000012
 * ```
 */
export async function currentGeneration(runDir: string): Promise<number | undefined> {
  const target = await readlink(join(runDir, CHECKPOINT_LINK)).catch(() => undefined);
  const match = target === undefined ? null : GENERATION.exec(target);
  return match === null ? undefined : Number(match[1]);
}

async function writeDurably(path: string, data: Uint8Array | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** fsync of a folder makes the names in it (new files, a renamed link) survive a power cut. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
