/** Exit codes of a run stopped by a signal: 128 + the signal's number, as shells report it. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * Turns the first SIGINT/SIGTERM into a request (`requested`) that training honours after the
 * current step, so that it can save a checkpoint; a second signal exits at once (the previous
 * checkpoint stays: it is only ever replaced atomically).
 *
 * @example
 * ```ts
 * const interrupt = new InterruptWatch((line) => process.stderr.write(line));
 * // ... after each step: if (interrupt.requested) { save(); process.exit(interrupt.exitCode); }
 * interrupt.dispose();
 * ```
 */
export class InterruptWatch {
  requested: StopSignal | undefined;
  private readonly handler = (signal: StopSignal) => this.onSignal(signal);

  constructor(
    private readonly print: (line: string) => void,
    private readonly quitHint: string,
  ) {
    for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) process.on(signal, this.handler);
  }

  get exitCode(): number {
    return SIGNAL_EXIT_CODES[this.requested ?? 'SIGINT'];
  }

  /** Restores the default behaviour (a signal ends the process). */
  dispose(): void {
    for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) process.off(signal, this.handler);
  }

  private onSignal(signal: StopSignal): void {
    if (this.requested === undefined) {
      this.requested = signal;
      this.print(`[cvae] ${signal}: stopping after this step to save a checkpoint (press Ctrl-C again to quit at once)\n`);
      return;
    }
    this.print(`[cvae] ${signal} again: quitting without saving; ${this.quitHint}\n`);
    process.exit(SIGNAL_EXIT_CODES[signal]);
  }
}
