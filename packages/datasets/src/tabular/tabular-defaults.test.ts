import { describe, expect, it } from 'vitest';
import { tabularEpochs, TABULAR_STEPS, TABULAR_STEPS_PER_SLOT } from './tabular-defaults.js';

const steps = (rows: number, width: number) => tabularEpochs(rows, 128, width) * Math.ceil(rows / 128);

describe('tabular defaults', () => {
  it('pick epochs for about the same number of steps whatever the table size', () => {
    expect(tabularEpochs(267, 128, 19)).toBe(TABULAR_STEPS / 3); // penguins: 3 steps an epoch
    expect(tabularEpochs(800_000, 128, 19)).toBe(1);
    expect(steps(5000, 19)).toBeCloseTo(TABULAR_STEPS, -2);
  });

  it('take more steps for a wide encoded row, in proportion to its width', () => {
    const narrow = TABULAR_STEPS / TABULAR_STEPS_PER_SLOT; // 36 slots: the floor still rules (cars: 35)
    expect(steps(8000, narrow)).toBe(steps(8000, 19));
    expect(steps(8000, 214)).toBeGreaterThan(5.7 * TABULAR_STEPS); // birdstrikes: about 10,700
    expect(steps(8000, 214)).toBeLessThan(6.1 * TABULAR_STEPS);
    expect(steps(8000, 428) / steps(8000, 214)).toBeCloseTo(2, 1);
  });
});
