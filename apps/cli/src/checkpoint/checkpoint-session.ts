import { CvaeError, loadModel, type EarlyStopping, type EpochEvent, type Trainer } from '@cvae/core';
import { readlink, rename, writeFile } from 'node:fs/promises';
import { MetricsLog } from '../output/metrics-log.js';
import { InterruptWatch } from './interrupt.js';
import type { Checkpoint } from './read-checkpoint.js';
import { saveCheckpoint, type CheckpointContext } from './save-checkpoint.js';
import { removeCheckpoints, removeStaleGenerations } from './write-checkpoint.js';

/**
 * The checkpoint side of one `cvae train` run: saves a checkpoint after every epoch and, on the
 * first Ctrl-C / SIGTERM, after the current step, then exits (130 / 143) naming the resume
 * command. A resumed run restores the model, trainer, metrics.jsonl and early stopping from its checkpoint first.
 *
 * @example
 * ```ts
 * const checkpoints = await CheckpointSession.start(context, resumed?.checkpoint);
 * const metrics = await checkpoints.metricsLog();
 * await checkpoints.restore(trainer);
 * for await (const event of trainer.run()) { ...; await checkpoints.afterStep(trainer) / afterEpoch(trainer); }
 * checkpoints.close();
 * ```
 */
export class CheckpointSession {
  private readonly interrupt: InterruptWatch;
  /** Where the newest complete checkpoint stands, e.g. `after epoch 3` (undefined before the first). */
  private savedAt: string | undefined;

  private constructor(
    private readonly context: CheckpointContext,
    private readonly resumed: Checkpoint | undefined,
    private readonly stopping: EarlyStopping | undefined,
  ) {
    const state = resumed?.state;
    this.savedAt = state && (state.current === undefined ? `after epoch ${state.completedEpochs}` : `at epoch ${state.current.epoch}, step ${state.current.steps}`);
    this.interrupt = new InterruptWatch((line) => process.stderr.write(line), `the last checkpoint stays; continue with \`${this.resumeCommand}\``);
  }

  /**
   * Starts checkpointing in `context.runDir`; a fresh run (no `resumed`) first removes an older run's checkpoint.
   * With `stopping`, every checkpoint keeps its best epoch and weights, and `restore` takes them up.
   */
  static async start(context: CheckpointContext, resumed?: Checkpoint, stopping?: EarlyStopping): Promise<CheckpointSession> {
    if (resumed === undefined) {
      await removeCheckpoints(context.runDir);
    } else {
      // Generation folders other than the current one: saves that were killed half-way.
      await removeStaleGenerations(context.runDir, await readlink(resumed.dir).catch(() => undefined));
    }
    return new CheckpointSession(context, resumed, stopping);
  }

  get resumeCommand(): string {
    // Quoted for the shell when the folder name needs it, so the line can be pasted as it is.
    const dir = this.context.runDir;
    return `cvae train --resume ${/^[\w./-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, "'\\''")}'`}`;
  }

  /** The metrics.jsonl lines the checkpoint recorded, parsed (empty for a fresh run). */
  get history(): Pick<EpochEvent, 'epoch' | 'train' | 'test'>[] {
    return (this.resumed?.manifest.metrics ?? []).map((line) => JSON.parse(line) as Pick<EpochEvent, 'epoch' | 'train' | 'test'>);
  }

  /** metrics.jsonl: emptied for a fresh run; for a resumed one, exactly the lines the checkpoint recorded. */
  async metricsLog(): Promise<MetricsLog> {
    const path = this.context.metricsPath;
    if (this.resumed === undefined) return MetricsLog.create(path);
    const lines = this.resumed.manifest.metrics;
    // Lines written after the checkpoint (by the killed run) go; the resumed run writes them again.
    await writeFile(`${path}.tmp-${process.pid}`, lines.map((line) => `${line}\n`).join(''));
    await rename(`${path}.tmp-${process.pid}`, path);
    return MetricsLog.open(path);
  }

  /** Puts the checkpoint's weights into `trainer.model` and its state into `trainer` (resumed runs only). */
  async restore(trainer: Trainer): Promise<void> {
    if (this.resumed === undefined) return;
    const { manifest, model, state } = this.resumed;
    if (manifest.backend !== this.context.backend) {
      throw new CvaeError('resume', `the checkpoint was written on backend ${manifest.backend}, this run uses ${this.context.backend}`, {
        fix: `resume where the run started (e.g. --backend ${manifest.backend} in its flags), or start a new run`,
      });
    }
    const saved = await loadModel(model.manifest, model.weights, this.resumed.dir);
    try {
      if (JSON.stringify(saved.config) !== JSON.stringify(trainer.model.config)) {
        throw new CvaeError('resume', `the checkpoint's model configuration differs from the one these flags build`, { fix: 'start a new run' });
      }
      const target = trainer.model.variables();
      saved.variables().forEach((v, i) => target[i].assign(v));
    } finally {
      saved.dispose();
    }
    trainer.restore(state, { adjusted: ['learningRate', 'clipNorm'] });
    // The early-stopping search goes on where it was: same best epoch, same saved weights.
    if (this.stopping !== undefined && this.resumed.earlyStopping !== undefined) this.stopping.resume(this.resumed.earlyStopping, state.completedEpochs);
    const at = state.current === undefined ? `after epoch ${state.completedEpochs}` : `at epoch ${state.current.epoch}, step ${state.current.steps}`;
    this.context.log(`[cvae] resuming ${this.context.runDir} ${at} (checkpoint of ${manifest.written})`);
  }

  /** After a step: when a stop was requested, saves a checkpoint and exits. */
  async afterStep(trainer: Trainer): Promise<void> {
    // Signal handlers run from the event loop, which a run of steps (microtasks only) never
    // reaches: without this turn, Ctrl-C would be seen only at the end of the epoch.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.interrupt.requested !== undefined) await this.saveAndExit(trainer);
  }

  /** Where the newest complete checkpoint stands (`after epoch 3`), or undefined when none was written. */
  get lastCheckpoint(): string | undefined {
    return this.savedAt;
  }

  /** After epoch `epoch` (its metrics line written): saves a checkpoint; exits when a stop was requested. */
  async afterEpoch(trainer: Trainer, epoch: number): Promise<void> {
    await saveCheckpoint(trainer, this.context, this.stopping?.snapshot());
    this.savedAt = `after epoch ${epoch}`;
    if (this.interrupt.requested !== undefined) this.exit();
  }

  /** Training is over: signals end the process again. */
  close(): void {
    this.interrupt.dispose();
  }

  private async saveAndExit(trainer: Trainer): Promise<void> {
    await saveCheckpoint(trainer, this.context, this.stopping?.snapshot());
    this.exit();
  }

  private exit(): never {
    process.stderr.write(`[cvae] checkpoint saved in ${this.context.runDir}/checkpoint; continue with: ${this.resumeCommand}\n`);
    process.exit(this.interrupt.exitCode);
  }
}
