import { describe, expect, it } from 'vitest';
import { tabularEpochs, TABULAR_STEPS } from './tabular-defaults.js';

describe('tabular defaults', () => {
  it('pick epochs for about the same number of steps whatever the table size', () => {
    expect(tabularEpochs(267, 128)).toBe(TABULAR_STEPS / 3); // penguins: 3 steps an epoch
    expect(tabularEpochs(800_000, 128)).toBe(1);
    expect(tabularEpochs(5000, 128) * Math.ceil(5000 / 128)).toBeCloseTo(TABULAR_STEPS, -2);
  });
});
