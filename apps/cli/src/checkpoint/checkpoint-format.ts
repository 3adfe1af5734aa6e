import type { EncodedTrainerState } from '@cvae/core';

/** The folder inside the run folder that always holds the latest complete checkpoint (a symlink). */
export const CHECKPOINT_LINK = 'checkpoint';
/** Written last: a checkpoint folder without it (or whose files do not match it) is not complete. */
export const CHECKPOINT_FILE = 'checkpoint.json';
export const CHECKPOINT_FORMAT = 'cvae-checkpoint';
export const CHECKPOINT_FORMAT_VERSION = 1;

/** `checkpoint.json`: what `cvae train --resume` needs besides the model artifact and the moments. */
export interface CheckpointManifest {
  readonly format: typeof CHECKPOINT_FORMAT;
  readonly formatVersion: number;
  readonly written: string;
  /** The `cvae train` flags as given (defaults filled by commander), and which ones the user set. */
  readonly command: { readonly options: Record<string, unknown>; readonly explicit: readonly string[] };
  /** The backend that trained: a resumed run must use it to end bit for bit where an unbroken one would. */
  readonly backend: string;
  /** The trainer state without its moment arrays (those are in `optimizer.bin`). */
  readonly trainer: EncodedTrainerState['json'];
  /** The lines of metrics.jsonl so far; a resumed run rewrites the file with exactly these. */
  readonly metrics: readonly string[];
  /** With early stopping (--validation): the best held-out score so far and its epoch; its weights are in `best.bin`. */
  readonly earlyStopping?: { readonly best: number; readonly bestEpoch: number };
  /** sha256 of every other file of the checkpoint. */
  readonly files: Readonly<Record<string, string>>;
}

/** The files of a checkpoint besides `checkpoint.json`. */
export const CHECKPOINT_PARTS = { manifest: 'model.json', weights: 'weights.bin', optimizer: 'optimizer.bin', bestWeights: 'best.bin' } as const;
