import { z } from 'zod';
// Registers the built-in kinds, so every parse of a config knows them.
import './builtins.js';
import { parseRegisteredLikelihood } from './registry.js';

/**
 * The observation model p(x|z,c) of a model config: any registered kind (built in: bernoulli,
 * gaussian, categorical, mixed), validated by that kind's own schema. The short form `'bernoulli'`
 * means `{ kind: 'bernoulli' }`.
 */
export const likelihoodSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { kind: value } : value),
  z.looseObject({ kind: z.string({ error: 'likelihood.kind must be a string' }) }).transform((value, ctx) => parseRegisteredLikelihood(value, ctx)),
);
