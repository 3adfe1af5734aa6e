import { describe, expect, it } from 'vitest';
import { betaAt, betaScheduleSchema } from './beta-schedule.js';

describe('betaAt', () => {
  it('is constant for a constant schedule', () => {
    expect([0, 50, 99].map((s) => betaAt({ kind: 'constant', beta: 0.3 }, s, 100))).toEqual([0.3, 0.3, 0.3]);
  });

  it('warms up linearly over the given fraction, then holds', () => {
    const schedule = betaScheduleSchema.parse({ kind: 'linear', fraction: 0.5 });
    expect([0, 25, 50, 99].map((s) => betaAt(schedule, s, 100))).toEqual([0, 0.5, 1, 1]);
  });

  it('cycles as in Fu et al. 2019: rise over the first half of each cycle, then stay at max', () => {
    const schedule = betaScheduleSchema.parse({ kind: 'cyclical', cycles: 2, ratio: 0.5, max: 1 });
    // 100 steps, 2 cycles of 50: rising over steps 0..25 and 50..75.
    expect([0, 12.5, 25, 40, 50, 62.5, 99].map((s) => betaAt(schedule, s, 100))).toEqual([0, 0.5, 1, 1, 0, 0.5, 1]);
  });

  it('refuses out-of-range settings with the field name', () => {
    expect(betaScheduleSchema.safeParse({ kind: 'cyclical', ratio: 0 }).error?.issues[0].message).toBe('ratio must be in (0, 1]');
    expect(betaScheduleSchema.safeParse({ kind: 'constant', beta: -1 }).error?.issues[0].message).toBe('beta must be >= 0');
  });
});
