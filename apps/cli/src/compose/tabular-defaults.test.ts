import { describe, expect, it } from 'vitest';
import type { TrainCommandOptions } from '../commands/train.js';
import { tabularEpochs, TABULAR_STEPS, withTabularDefaults } from './tabular-defaults.js';

describe('tabular defaults', () => {
  const imageDefaults = { dataset: 'tabular', latent: 32, hidden: [512, 512], prior: 'standard', continuous: 'standard', epochs: 10 } as unknown as TrainCommandOptions;

  it('replace only the flags the user did not set', () => {
    expect(withTabularDefaults(imageDefaults, new Set())).toMatchObject({ latent: 16, hidden: [256, 256], prior: 'learned', continuous: 'modes' });
    expect(withTabularDefaults(imageDefaults, new Set(['latent', 'prior']))).toMatchObject({ latent: 32, prior: 'standard', hidden: [256, 256] });
  });

  it('pick epochs for about the same number of steps whatever the table size', () => {
    expect(tabularEpochs(267, 128)).toBe(TABULAR_STEPS / 3); // penguins: 3 steps an epoch
    expect(tabularEpochs(800_000, 128)).toBe(1);
    expect(tabularEpochs(5000, 128) * Math.ceil(5000 / 128)).toBeCloseTo(TABULAR_STEPS, -2);
  });
});
