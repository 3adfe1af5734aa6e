import { CvaeError, decodeTrainerState, sha256Hex, type EarlyStoppingSnapshot, type TrainerState } from '@cvae/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECKPOINT_FILE, CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_VERSION, CHECKPOINT_LINK, CHECKPOINT_PARTS, type CheckpointManifest } from './checkpoint-format.js';

/** A checkpoint read back and checked: every file present and matching its sha256. */
export interface Checkpoint {
  readonly dir: string;
  readonly manifest: CheckpointManifest;
  /** The model artifact (core's format): pass to `loadModel`. */
  readonly model: { readonly manifest: unknown; readonly weights: Uint8Array };
  readonly state: TrainerState;
  /** With early stopping: the best epoch so far, its score and weights. */
  readonly earlyStopping?: EarlyStoppingSnapshot;
}

/**
 * Reads `runDir/checkpoint/` and checks it is complete: `checkpoint.json` parses, has this
 * format, and every file it lists exists with the recorded sha256. Throws a `CvaeError` naming
 * what is missing or broken.
 *
 * @example
 * ```ts
 * const { manifest, model, state } = await readCheckpoint('runs/x');
 * ```
 */
export async function readCheckpoint(runDir: string): Promise<Checkpoint> {
  const dir = join(runDir, CHECKPOINT_LINK);
  const fix = `start a new run (without --resume), or pass the run folder (--out) of a run that saved a checkpoint`;
  const text = await readFile(join(dir, CHECKPOINT_FILE), 'utf8').catch((error: { code?: string }) => {
    throw new CvaeError('checkpoint', error.code === 'ENOENT' ? `no checkpoint in ${runDir}: ${join(dir, CHECKPOINT_FILE)} does not exist` : `cannot read ${join(dir, CHECKPOINT_FILE)} (${String(error.code)})`, { fix });
  });
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(text) as CheckpointManifest;
  } catch {
    throw new CvaeError('checkpoint', `${join(dir, CHECKPOINT_FILE)} is half-written or corrupted (not valid JSON)`, { fix });
  }
  if (manifest?.format !== CHECKPOINT_FORMAT || typeof manifest.formatVersion !== 'number' || manifest.formatVersion > CHECKPOINT_FORMAT_VERSION) {
    throw new CvaeError('checkpoint', `${join(dir, CHECKPOINT_FILE)} is not a cvae checkpoint of format version ${CHECKPOINT_FORMAT_VERSION} or older`, { fix });
  }
  const read = async (file: string): Promise<Uint8Array> => {
    const bytes = await readFile(join(dir, file)).catch(() => {
      throw new CvaeError('checkpoint', `the checkpoint in ${runDir} is incomplete: ${file} is missing`, { fix });
    });
    const expected = manifest.files?.[file];
    if (expected === undefined || (await sha256Hex(bytes)) !== expected) {
      throw new CvaeError('checkpoint', `the checkpoint in ${runDir} is half-written or corrupted: ${file} does not match the sha256 in ${CHECKPOINT_FILE}`, { fix });
    }
    return new Uint8Array(bytes);
  };
  const modelManifest = JSON.parse(new TextDecoder().decode(await read(CHECKPOINT_PARTS.manifest))) as unknown;
  const weights = await read(CHECKPOINT_PARTS.weights);
  const state = decodeTrainerState(manifest.trainer, await read(CHECKPOINT_PARTS.optimizer));
  if (state === undefined) {
    throw new CvaeError('checkpoint', `the checkpoint in ${runDir} is inconsistent: ${CHECKPOINT_PARTS.optimizer} does not hold the moments ${CHECKPOINT_FILE} lists`, { fix });
  }
  const best = manifest.earlyStopping;
  // `read` returns a copy at offset 0 of its own buffer, so the floats are 4-aligned.
  const earlyStopping = best && { ...best, weights: new Float32Array((await read(CHECKPOINT_PARTS.bestWeights)).buffer) };
  return { dir, manifest, model: { manifest: modelManifest, weights }, state, ...(earlyStopping && { earlyStopping }) };
}
