import { z } from 'zod';

/**
 * The weight of the KL term over training. `constant` (beta-VAE, Higgins et al. 2017), `linear`
 * warm-up from `from` to `to` over the first `fraction` of training (Bowman et al. 2016), or
 * `cyclical` (Fu et al. 2019): `cycles` cycles, each rising linearly from 0 to `max` over the
 * first `ratio` of the cycle and staying at `max` for the rest.
 */
export const betaScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant'), beta: z.number().min(0, 'beta must be >= 0') }),
  z.object({
    kind: z.literal('linear'),
    from: z.number().min(0, 'from must be >= 0').default(0),
    to: z.number().min(0, 'to must be >= 0').default(1),
    fraction: z.number().gt(0, 'fraction must be in (0, 1]').max(1, 'fraction must be in (0, 1]').default(0.25),
  }),
  z.object({
    kind: z.literal('cyclical'),
    cycles: z.number().int().min(1, 'cycles must be at least 1').default(4),
    ratio: z.number().gt(0, 'ratio must be in (0, 1]').max(1, 'ratio must be in (0, 1]').default(0.5),
    max: z.number().min(0, 'max must be >= 0').default(1),
  }),
]);

/** A KL-weight schedule over training: constant, linear warm-up or cyclical. */
export type BetaSchedule = z.output<typeof betaScheduleSchema>;

/**
 * beta at optimisation step `step` (0-based) of `totalSteps`.
 *
 * @example
 * ```ts
 * betaAt({ kind: 'linear', from: 0, to: 1, fraction: 0.5 }, 25, 100); // 0.5
 * ```
 */
export function betaAt(schedule: BetaSchedule, step: number, totalSteps: number): number {
  const progress = totalSteps <= 1 ? 1 : Math.min(1, step / totalSteps);
  switch (schedule.kind) {
    case 'constant':
      return schedule.beta;
    case 'linear':
      return schedule.from + (schedule.to - schedule.from) * Math.min(1, progress / schedule.fraction);
    case 'cyclical': {
      const period = totalSteps / schedule.cycles;
      const tau = (step % period) / period;
      return schedule.max * Math.min(1, tau / schedule.ratio);
    }
  }
}
