import { z } from 'zod';
import type { Likelihood, LikelihoodConfig } from './likelihood.js';
import { CvaeError } from '../errors/cvae-error.js';

const likelihoods = new Map<string, Likelihood>();

/**
 * Makes a likelihood kind known to model configs, training, evaluation, sampling and model files.
 * Registering the same object twice is harmless; another object under a taken kind is refused.
 *
 * @example
 * ```ts
 * registerLikelihood(poissonLikelihood);
 * parseModelConfig({ inputSize: 10, conditionSize: 2, likelihood: { kind: 'poisson' } });
 * ```
 */
export function registerLikelihood<C extends LikelihoodConfig>(likelihood: Likelihood<C>): void {
  const taken = likelihoods.get(likelihood.kind);
  if (taken !== undefined && taken !== (likelihood as unknown as Likelihood)) {
    throw new CvaeError('likelihood', `kind "${likelihood.kind}" is already registered; fix: choose another kind name`);
  }
  likelihoods.set(likelihood.kind, likelihood as unknown as Likelihood);
}

/** The registered likelihood of `kind`, or undefined. */
export function findLikelihood(kind: string): Likelihood | undefined {
  return likelihoods.get(kind);
}

/** The registered kinds, in registration order. */
export function likelihoodKinds(): string[] {
  return [...likelihoods.keys()];
}

/**
 * The likelihood that handles `config` (a config already validated by `likelihoodSchema`).
 *
 * @example
 * ```ts
 * const nll = likelihoodOf(config).nll(config, out, x, {});
 * ```
 */
export function likelihoodOf(config: LikelihoodConfig): Likelihood {
  const likelihood = likelihoods.get(config.kind);
  if (likelihood === undefined) {
    throw new CvaeError('likelihood', `unknown kind "${config.kind}"; registered: ${likelihoodKinds().join(', ')}; fix: registerLikelihood() it before use`);
  }
  return likelihood;
}

/**
 * Validates `value` as a config of its registered kind (filling that kind's defaults), reporting
 * problems into `ctx`. Used by the model config's `likelihood` field and by mixed groups.
 */
export function parseRegisteredLikelihood(value: { kind: string }, ctx: z.RefinementCtx, exclude: readonly string[] = []): LikelihoodConfig {
  const likelihood = exclude.includes(value.kind) ? undefined : findLikelihood(value.kind);
  if (likelihood === undefined) {
    const valid = likelihoodKinds().filter((kind) => !exclude.includes(kind));
    ctx.addIssue({ code: 'custom', path: ['kind'], message: `unknown likelihood "${value.kind}"; valid kinds: ${valid.join(', ')} (others: registerLikelihood() first)` });
    return z.NEVER;
  }
  const parsed = likelihood.schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message });
    return z.NEVER;
  }
  return parsed.data;
}
