import { DatasetError } from '../dataset-error.js';
import { ownValue } from './values.js';

/**
 * What to do with a missing cell (empty, `NA`, `NaN`, `null`) of a column:
 * - `drop`: drop the whole row (the default: the model sees only complete rows);
 * - `impute`: replace it with the training split's mean (numbers) or most frequent value (categories);
 * - `category`: keep it as information: categorical/boolean columns get an extra class
 *   {@link MISSING_CATEGORY}; numeric columns get an extra 0/1 "is missing" indicator in x
 *   (Bernoulli group) and the mean in their own slot. Decoding gives `null` for it.
 */
export type MissingPolicy = 'drop' | 'impute' | 'category';

/** One policy for every column, or a policy per column (columns not named use {@link DEFAULT_MISSING_POLICY}). */
export type MissingOption = MissingPolicy | Readonly<Record<string, MissingPolicy>>;

/** The policy of columns nobody chose one for. */
export const DEFAULT_MISSING_POLICY: MissingPolicy = 'drop';

/** The class a missing categorical cell becomes under the `category` policy. */
export const MISSING_CATEGORY = '(missing)';

/** Every {@link MissingPolicy}. */
export const MISSING_POLICIES: readonly MissingPolicy[] = ['drop', 'impute', 'category'];

/**
 * The policy of `column` under `option`, validated.
 *
 * @example
 * ```ts
 * missingPolicyOf({ Sex: 'category' }, 'Sex'); // 'category'
 * missingPolicyOf({ Sex: 'category' }, 'Island'); // 'drop'
 * ```
 */
export function missingPolicyOf(option: MissingOption | undefined, column: string): MissingPolicy {
  const policy = option === undefined ? DEFAULT_MISSING_POLICY : typeof option === 'string' ? option : (ownValue(option, column) ?? DEFAULT_MISSING_POLICY);
  if (!MISSING_POLICIES.includes(policy)) {
    throw new DatasetError('tabular', `missing-value policy "${policy}" of column "${column}" is not one of ${MISSING_POLICIES.join(', ')}`);
  }
  return policy;
}

/**
 * Checks that a per-column policy map names only known columns.
 *
 * @example
 * ```ts
 * checkMissingOption({ Sexx: 'impute' }, ['Sex']); // throws: unknown column "Sexx"
 * ```
 */
export function checkMissingOption(option: MissingOption | undefined, columns: readonly string[]): void {
  if (option === undefined || typeof option === 'string') return;
  for (const name of Object.keys(option)) {
    if (!columns.includes(name)) throw new DatasetError('tabular', `missing-value policy for unknown column "${name}"; the columns are ${columns.join(', ')}`);
    missingPolicyOf(option, name);
  }
}
