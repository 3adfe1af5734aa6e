import { encodeTrainerState, saveModel, sha256Hex, type EarlyStoppingSnapshot, type Trainer } from '@cvae/core';
import { readFile } from 'node:fs/promises';
import { CHECKPOINT_FILE, CHECKPOINT_FORMAT, CHECKPOINT_FORMAT_VERSION, CHECKPOINT_PARTS, type CheckpointManifest } from './checkpoint-format.js';
import { writeCheckpointFiles } from './write-checkpoint.js';

/** What a checkpoint records besides the trainer: how the run was started and where its metrics are. */
export interface CheckpointContext {
  readonly runDir: string;
  readonly command: CheckpointManifest['command'];
  readonly backend: string;
  readonly metricsPath: string;
  /** Where the session prints progress lines (stdout, or stderr when stdout carries --json events). */
  readonly log: (line: string) => void;
}

/**
 * Saves where `trainer` stands as the run's checkpoint (atomically, see `writeCheckpointFiles`):
 * the model artifact (core's format), the optimiser moments, the trainer state, the flags, the
 * metrics lines written so far and, with early stopping, its best epoch and that epoch's weights.
 * Call it between two events of `trainer.run()`.
 *
 * @example
 * ```ts
 * for await (const event of trainer.run()) if (event.type === 'epoch') await saveCheckpoint(trainer, context);
 * ```
 */
export async function saveCheckpoint(trainer: Trainer, context: CheckpointContext, stopping?: EarlyStoppingSnapshot): Promise<string> {
  const artifact = await saveModel(trainer.model);
  const { json, bytes } = encodeTrainerState(trainer.state());
  const metrics = (await readFile(context.metricsPath, 'utf8').catch(() => '')).split('\n').filter((line) => line.length > 0);
  const parts: Record<string, Uint8Array> = {
    [CHECKPOINT_PARTS.manifest]: new TextEncoder().encode(`${JSON.stringify(artifact.manifest, null, 2)}\n`),
    [CHECKPOINT_PARTS.weights]: artifact.weights,
    [CHECKPOINT_PARTS.optimizer]: bytes,
    ...(stopping && { [CHECKPOINT_PARTS.bestWeights]: new Uint8Array(stopping.weights.buffer, stopping.weights.byteOffset, stopping.weights.byteLength) }),
  };
  const files = Object.fromEntries(await Promise.all(Object.entries(parts).map(async ([name, data]) => [name, await sha256Hex(data)] as const)));
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    written: new Date().toISOString(),
    command: context.command,
    backend: context.backend,
    trainer: json,
    metrics,
    ...(stopping && { earlyStopping: { best: stopping.best, bestEpoch: stopping.bestEpoch } }),
    files,
  };
  return writeCheckpointFiles(context.runDir, { ...parts, [CHECKPOINT_FILE]: `${JSON.stringify(manifest, null, 2)}\n` });
}
