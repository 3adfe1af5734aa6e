import type { EpochEvent } from '@cvae/core';
import { appendFile, readFile, writeFile } from 'node:fs/promises';

/**
 * `metrics.jsonl`: one JSON object per epoch, appended as soon as the epoch ends so a crash
 * later in training keeps what was measured. All figures are nats per example.
 *
 * @example
 * ```ts
 * const log = await MetricsLog.create('runs/x/metrics.jsonl');
 * await log.append(event); // {"epoch":1,"train":{"loss":..,"recon":..,"kl":..},"test":{"negElbo":..},...}
 * ```
 */
export class MetricsLog {
  private constructor(readonly path: string) {}

  static async create(path: string): Promise<MetricsLog> {
    await writeFile(path, '');
    return new MetricsLog(path);
  }

  /** Appends to an existing file (a resumed run, whose earlier lines are already there). */
  static open(path: string): MetricsLog {
    return new MetricsLog(path);
  }

  async append(event: EpochEvent, extra: Record<string, unknown> = {}): Promise<void> {
    const line = { epoch: event.epoch, train: event.train, test: event.test, seconds: round(event.seconds), ...extra };
    await appendFile(this.path, `${JSON.stringify(line)}\n`);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * The epochs already in a `metrics.jsonl` (none when the file does not exist), e.g. to redraw a
 * resumed run's loss curve from its first epoch.
 *
 * @example
 * ```ts
 * const epochs = await readMetrics('runs/x/metrics.jsonl');
 * ```
 */
export async function readMetrics(path: string): Promise<EpochEvent[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as EpochEvent);
}
