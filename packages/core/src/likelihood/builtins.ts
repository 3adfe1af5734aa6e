import { bernoulliLikelihood } from './bernoulli.js';
import { categoricalLikelihood } from './categorical.js';
import { gaussianLikelihood } from './gaussian.js';
import type { Likelihood } from './likelihood.js';
import { mixedLikelihood } from './mixed.js';
import { registerLikelihood } from './registry.js';
import { tokensLikelihood } from './tokens.js';

/** The likelihoods core ships. A new built-in kind: one file beside these, and one entry here. */
export const BUILT_IN_LIKELIHOODS: readonly Likelihood[] = [
  bernoulliLikelihood,
  gaussianLikelihood,
  categoricalLikelihood,
  mixedLikelihood,
  tokensLikelihood,
] as unknown as readonly Likelihood[];

for (const likelihood of BUILT_IN_LIKELIHOODS) registerLikelihood(likelihood);
