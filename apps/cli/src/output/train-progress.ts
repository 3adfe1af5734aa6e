import type { BatchEvent, EpochEvent } from '@cvae/core';
import { SingleBar } from 'cli-progress';

/** How training reports: a live bar (a terminal), plain lines (logs, `--quiet`), or JSON lines (`--json`). */
export type ProgressMode = 'bar' | 'lines' | 'json';

/** The mode for these flags and this terminal. */
export function progressMode(flags: { json?: boolean; quiet?: boolean }, isTTY = process.stderr.isTTY === true): ProgressMode {
  if (flags.json) return 'json';
  return flags.quiet || !isTTY ? 'lines' : 'bar';
}

/**
 * Reports training to the user. `bar`: a progress bar on stderr (epoch, step, loss, ETA) and a
 * line per epoch; `lines`: a line per epoch; `json`: every event as one JSON object per line on
 * stdout, everything meant for people on stderr, so stdout holds only JSON.
 *
 * @example
 * ```ts
 * const progress = new TrainProgress('lines', 60000, 128);
 * for await (const event of trainer.run()) event.type === 'batch' ? progress.batch(event) : progress.epoch(event);
 * ```
 */
export class TrainProgress {
  private readonly bar?: SingleBar;

  constructor(
    readonly mode: ProgressMode,
    private readonly trainSize: number,
    private readonly batchSize: number,
  ) {
    if (mode === 'bar') {
      this.bar = new SingleBar({ format: 'epoch {epoch} [{bar}] {percentage}% | step {step}/{steps} | loss {loss} | ETA {eta_formatted}', stream: process.stderr });
    }
  }

  /** A line for people: stdout, except under `--json`. */
  note(line: string): void {
    (this.mode === 'json' ? process.stderr : process.stdout).write(`${line}\n`);
  }

  batch(event: BatchEvent): void {
    if (this.mode === 'json') {
      process.stdout.write(`${JSON.stringify(event)}\n`);
      return;
    }
    const steps = Math.ceil(this.trainSize / this.batchSize);
    if (event.step === 1) this.bar?.start(this.trainSize, 0, { epoch: event.epoch, step: 0, steps, loss: '-' });
    this.bar?.update(event.examples, { epoch: event.epoch, step: event.step, steps, loss: event.loss.toFixed(2) });
  }

  /** An epoch's line; `validation` is the validation -ELBO where training stops early on one. */
  epoch(event: EpochEvent, validation?: number): void {
    this.bar?.stop();
    if (this.mode === 'json') {
      // The process's memory beside the tensor count, so a long run (npm run soak) can show all three stay flat.
      const { rss, heapUsed } = process.memoryUsage();
      process.stdout.write(`${JSON.stringify({ ...event, ...(validation !== undefined && { validation: { negElbo: validation } }), memory: { rss, heapUsed } })}\n`);
      return;
    }
    this.note(
      `epoch ${event.epoch}: train loss ${event.train.loss.toFixed(2)} (recon ${event.train.recon.toFixed(2)}, kl ${event.train.kl.toFixed(2)}) ` +
        `| ${validation === undefined ? '' : `validation -ELBO ${validation.toFixed(2)} | `}test -ELBO ${event.test?.negElbo.toFixed(2)} nats | ${event.seconds.toFixed(1)} s`,
    );
  }
}
