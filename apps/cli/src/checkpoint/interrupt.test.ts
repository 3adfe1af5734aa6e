import { afterEach, describe, expect, it, vi } from 'vitest';
import { InterruptWatch } from './interrupt.js';

describe('InterruptWatch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('turns the first SIGINT into a request, and exits 130 at the second without waiting', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const lines: string[] = [];
    const watch = new InterruptWatch((line) => lines.push(line), 'the last checkpoint stays');
    process.emit('SIGINT', 'SIGINT');
    expect(watch.requested).toBe('SIGINT');
    expect(watch.exitCode).toBe(130);
    expect(exit).not.toHaveBeenCalled();
    process.emit('SIGINT', 'SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
    expect(lines.join('')).toMatch(/stopping after this step[\s\S]*SIGINT again: quitting without saving; the last checkpoint stays/);
    watch.dispose();
  });

  it('answers SIGTERM with 143 (128 + 15) and lets signals through again once disposed', () => {
    const watch = new InterruptWatch(() => undefined, '');
    const before = process.listenerCount('SIGTERM');
    process.emit('SIGTERM', 'SIGTERM');
    expect(watch.exitCode).toBe(143);
    watch.dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before - 1);
  });
});
