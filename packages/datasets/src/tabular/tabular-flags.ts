import type { DatasetFlag } from '@cvae/core';
import { DatasetError } from '../dataset-error.js';
import { MISSING_POLICIES } from './missing.js';
import { COLUMN_KINDS } from './schema.js';

/**
 * `name=value` pairs separated by commas, each value one of `allowed`, e.g.
 * `Cylinders=categorical,Name=identifier`. The name may itself hold `=` (the last one splits).
 *
 * @example
 * ```ts
 * parseAssignments('Cylinders=categorical', COLUMN_KINDS); // { Cylinders: 'categorical' }
 * ```
 */
export function parseAssignments(text: string, allowed: readonly string[]): Record<string, string> {
  const pairs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of text.split(',')) {
    const at = part.lastIndexOf('=');
    const [name, value] = [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    if (at <= 0 || !allowed.includes(value)) {
      throw new DatasetError('tabular', `expected COLUMN=VALUE pairs with VALUE one of ${allowed.join(', ')}, found "${part}"`);
    }
    pairs[name] = value;
  }
  return { ...pairs };
}

/** A missing-value option: one policy for every column, or `column=policy` pairs. */
export function parseMissing(text: string): string | Record<string, string> {
  return MISSING_POLICIES.includes(text.trim() as never) ? text.trim() : parseAssignments(text, MISSING_POLICIES);
}

/**
 * Groups of columns joined by `+`, groups separated by commas: `Species+Island,Make+Model`.
 *
 * @example
 * ```ts
 * parseCombinations('Species+Island'); // [['Species', 'Island']]
 * ```
 */
export function parseCombinations(text: string): string[][] {
  return text.split(',').map((group) => {
    const columns = group.split('+').map((c) => c.trim());
    if (columns.length < 2 || columns.some((c) => c === '')) {
      throw new DatasetError('tabular', `--combinations takes groups of two or more columns joined by +, separated by commas (e.g. Species+Island), found "${group}"`);
    }
    return columns;
  });
}

/** `--condition`, shared by the tabular and text datasets (the CLI registers a flag name once). */
export const CONDITION_FLAG: DatasetFlag = {
  name: 'condition',
  value: '<columns>',
  description: '--dataset tabular: the columns to condition on, e.g. species or species,island; --dataset text: the CSV column of the label',
};

/** `--delimiter`, shared by the tabular and text datasets. */
export const DELIMITER_FLAG: DatasetFlag = { name: 'delimiter', value: '<char>', description: '--dataset tabular, text: the CSV field delimiter', default: ',' };

/** The flags of `--dataset tabular`, as apps register them. */
export const TABULAR_FLAGS: readonly DatasetFlag[] = [
  { name: 'csv', value: '<file>', description: '--dataset tabular: the CSV file (header row; types inferred)', locatesData: true },
  CONDITION_FLAG,
  DELIMITER_FLAG,
  {
    name: 'kinds',
    value: '<col=kind,...>',
    description: `--dataset tabular: column kinds that replace the inferred ones (${COLUMN_KINDS.join(', ')}; identifier = leave the column out), e.g. Cylinders=categorical`,
    parse: (text) => parseAssignments(text, COLUMN_KINDS),
  },
  {
    name: 'missing',
    value: '<policy|col=policy,...>',
    description: `--dataset tabular: missing values (${MISSING_POLICIES.join(', ')}), for every column or per column, e.g. Sex=category (default: drop)`,
    parse: parseMissing,
  },
  {
    name: 'memoryBudget',
    value: '<MB>',
    description: "--dataset tabular: megabytes the loaded table may take (default: half the machine's memory); a wider or longer CSV is refused before it is read",
    parse: (text) => {
      const mb = Number(text);
      if (!Number.isFinite(mb) || mb <= 0) throw new DatasetError('tabular', `--memory-budget takes a number of megabytes > 0, found "${text}"`);
      return mb;
    },
  },
  {
    name: 'continuous',
    value: '<encoding>',
    description: '--dataset tabular: number columns z-scored (standard), by mode-specific normalisation (modes: a Gaussian mixture per column, as CTGAN/TVAE), by the quantile-to-normal transform (quantile: any shape, point masses and long tails), or auto (the tabular default): modes where the mixture fits the column, quantile where it does not',
    parse: (text) => {
      if (!['standard', 'modes', 'quantile', 'auto'].includes(text)) throw new DatasetError('tabular', `--continuous takes standard, modes, quantile or auto, found "${text}"`);
      return text;
    },
  },
  {
    name: 'validation',
    value: '<share>',
    description: '--dataset tabular: share of the training rows held out to choose when to stop: training keeps the weights of the epoch with the lowest validation -ELBO and stops after --patience epochs without a lower one (default 0: none, train every epoch and keep the last; on cars 10% of its 314 training rows cost more than stopping saved: docs/tabular.md)',
    parse: (text) => {
      const share = Number(text);
      if (text.trim() === '' || !(share >= 0 && share <= 0.5)) throw new DatasetError('tabular', `--validation takes a share of the training rows in [0, 0.5] (e.g. 0.1; 0 = none), found "${text}"`);
      return share;
    },
  },
  {
    name: 'combinations',
    value: '<col+col[,col+col]>',
    description: '--dataset tabular: groups of categorical columns whose generated combinations must be ones seen in training (a constraint), e.g. Species+Island',
    parse: parseCombinations,
  },
];
