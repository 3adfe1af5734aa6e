import type * as tf from '@tensorflow/tfjs-core';
import { CvaeError } from '../errors/cvae-error.js';
import type { Cvae } from '../model/cvae.js';
import type { TrainerState } from './trainer-state.js';
import type { TrainOptions } from './train-options.js';

/** Options a resumed run may change on purpose: the step size, e.g. after a divergence. */
export type AdjustableOption = 'learningRate' | 'clipNorm';

/**
 * Checks that `state` can continue training `model` with `options`: same version and options,
 * moments for variables the model has, of their sizes. Returns the model's variables by local name.
 *
 * @example
 * ```ts
 * const byName = checkRestorable(state, trainer.options, trainer.model); // throws CvaeError('resume', ...)
 * ```
 */
export function checkRestorable(state: TrainerState, options: TrainOptions, model: Cvae, adjusted: readonly AdjustableOption[] = []): Map<string, tf.Variable> {
  if (state.version !== 1) {
    throw new CvaeError('resume', `the saved training state has version ${String(state.version)}; this trainer reads version 1`, { fix: 'resume with the cvae version that wrote it, or start a new run' });
  }
  const changed = Object.keys({ ...options, ...state.options }).filter(
    (key) =>
      !(adjusted as readonly string[]).includes(key) && canonical((options as Record<string, unknown>)[key]) !== canonical((state.options as Record<string, unknown>)[key]),
  );
  if (changed.length > 0) {
    const show = (o: object, k: string) => canonical((o as Record<string, unknown>)[k]) ?? 'unset';
    const diff = changed.map((k) => `${k} ${show(state.options, k)} (saved) vs ${show(options, k)} (now)`).join(', ');
    throw new CvaeError('resume', `the saved training state is from another configuration: ${diff}`, { fix: 'resume with the options the run was started with, or start a new run' });
  }
  const variables = new Map(model.variables().map((v) => [model.localName(v), v]));
  for (const { name, m, v } of state.optimizer.moments) {
    const variable = variables.get(name);
    if (variable === undefined || m.length !== variable.size || v.length !== variable.size) {
      const found = variable === undefined ? 'the model has no such variable' : `the variable has ${variable.size} values, the moments ${m.length} and ${v.length}`;
      throw new CvaeError('resume', `the saved optimiser state does not fit this model: ${name}: ${found}`, { fix: 'resume with the model the state was saved with' });
    }
  }
  return variables;
}

/** JSON with sorted keys, so equal options compare equal whatever order their keys were written in. */
function canonical(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
