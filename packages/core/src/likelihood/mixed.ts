import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import type { Likelihood, LikelihoodConfig, LikelihoodParameter, LikelihoodParams } from './likelihood.js';
import { likelihoodOf, parseRegisteredLikelihood } from './registry.js';
import { CvaeError } from '../errors/cvae-error.js';

/**
 * One group of columns of x — `size` columns from `start` — and the likelihood that models it
 * (any registered kind but mixed, with its own settings), e.g. `{ kind: 'categorical', start: 2, size: 3 }`.
 */
export type ColumnGroup = LikelihoodConfig & { readonly start: number; readonly size: number };

export interface MixedConfig extends LikelihoodConfig {
  readonly kind: 'mixed';
  readonly groups: readonly ColumnGroup[];
}

const groupSchema = z
  .looseObject({ kind: z.string(), start: z.number().int().min(0), size: z.number().int().min(1) })
  .transform((group, ctx): ColumnGroup => {
    const { start, size, ...child } = group;
    return { ...parseRegisteredLikelihood(child, ctx, ['mixed']), start, size };
  });

const mixedSchema = z
  .object({ kind: z.literal('mixed'), groups: z.array(groupSchema).min(1, 'groups needs at least one column group') })
  .superRefine((config, ctx) => {
    let end = 0;
    config.groups.forEach((group, i) => {
      if (group.start !== end) ctx.addIssue({ code: 'custom', path: ['groups', i, 'start'], message: `groups must cover x in order without gaps: expected start ${end}, found ${group.start}` });
      end = group.start + group.size;
    });
  });

/** Each group's child config (without start/size), its likelihood, and where its decoder outputs sit. */
function parts(config: MixedConfig) {
  let outputStart = 0;
  return config.groups.map((group, index) => {
    const { start, size, ...child } = group;
    const likelihood = likelihoodOf(child);
    const outputs = likelihood.outputs(child, size);
    const part = { index, start, size, child, likelihood, outputStart, outputs };
    outputStart += outputs;
    return part;
  });
}

/** Group `index`'s parameters, named as the child knows them. */
function paramsOf(params: LikelihoodParams, index: number): LikelihoodParams {
  const prefix = `groups.${index}.`;
  return Object.fromEntries(Object.entries(params).filter(([name]) => name.startsWith(prefix)).map(([name, t]) => [name.slice(prefix.length), t]));
}

function checkWidth(config: MixedConfig, x: tf.Tensor2D): void {
  const width = config.groups.reduce((end, g) => Math.max(end, g.start + g.size), 0);
  if (width !== x.shape[1]) throw new CvaeError('likelihood', `mixed: the column groups cover ${width} columns, x has ${x.shape[1]}`);
}

/** Applies `f` to each group's slice of the decoder output and joins the results column-wise. */
function joinGroups(config: MixedConfig, out: tf.Tensor2D, f: (p: ReturnType<typeof parts>[number], out: tf.Tensor2D) => tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.concat(parts(config).map((p) => f(p, tf.slice(out, [0, p.outputStart], [-1, p.outputs]) as tf.Tensor2D)), 1) as tf.Tensor2D);
}

/**
 * Rows made of column groups (e.g. a tabular record: continuous columns, binary flags, one-hot
 * categoricals), each under its own likelihood; the groups' NLLs add up because the decoder makes
 * them conditionally independent given z and c.
 */
export const mixedLikelihood: Likelihood<MixedConfig> = {
  kind: 'mixed',
  schema: mixedSchema,
  outputs: (config) => parts(config).reduce((n, p) => n + p.outputs, 0),
  parameters: (config) =>
    parts(config).flatMap((p): LikelihoodParameter[] =>
      (p.likelihood.parameters?.(p.child, p.size) ?? []).map((param) => ({ ...param, name: `groups.${p.index}.${param.name}` })),
    ),
  nll: (config, out, x, params) => {
    checkWidth(config, x);
    return tf.tidy(() => {
      const nlls = parts(config).map((p) => {
        const groupOut = tf.slice(out, [0, p.outputStart], [-1, p.outputs]) as tf.Tensor2D;
        const groupX = tf.slice(x, [0, p.start], [-1, p.size]) as tf.Tensor2D;
        return p.likelihood.nll(p.child, groupOut, groupX, paramsOf(params, p.index));
      });
      return tf.addN(nlls) as tf.Tensor1D;
    });
  },
  mean: (config, out, params) => joinGroups(config, out, (p, groupOut) => p.likelihood.mean(p.child, groupOut, paramsOf(params, p.index))),
  // Each group draws from its own seed, so adding a group does not change the others' draws.
  sample: (config, out, seed, params) =>
    joinGroups(config, out, (p, groupOut) => p.likelihood.sample(p.child, groupOut, seed + 7919 * p.index, paramsOf(params, p.index))),
};
