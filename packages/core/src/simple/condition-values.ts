import type { ConditionSpec } from '../data/dataset.js';
import { encodeCondition, type ConditionAttribute } from '../data/condition-encoder.js';
import { CvaeError } from '../errors/cvae-error.js';

/** A condition given by attribute name (`{ digit: 3 }`), or an already encoded row of c. */
export type ConditionInput = Readonly<Record<string, string | number>> | Float32Array;

/**
 * The attributes of a condition spec: its `attributes`, or for a one-hot spec one categorical
 * attribute named after `names[0]` over `classNames`.
 *
 * @example
 * ```ts
 * conditionAttributes(MNIST_SPEC.condition); // [{ name: 'digit', kind: 'categorical', classes: ['0', ..., '9'] }]
 * ```
 */
export function conditionAttributes(condition: ConditionSpec): readonly ConditionAttribute[] {
  return condition.attributes ?? [{ name: condition.names[0] ?? 'class', kind: 'categorical', classes: condition.classNames }];
}

/**
 * One row of c from a condition: named values go through `encodeCondition`; a `Float32Array` is
 * taken as it is after a length check. Without a spec only a `Float32Array` is understood.
 *
 * @example
 * ```ts
 * conditionRow({ digit: 3 }, MNIST_SPEC.condition, 10); // one-hot 3
 * ```
 */
export function conditionRow(input: ConditionInput, spec: ConditionSpec | undefined, size: number): Float32Array {
  if (input instanceof Float32Array) {
    if (input.length !== size) throw new CvaeError('sample', `a condition row holds ${size} values, found ${input.length}`);
    return input;
  }
  if (spec === undefined) {
    throw new CvaeError('sample', 'this model carries no dataset spec, so conditions cannot be given by name', {
      fix: 'pass the encoded condition row as a Float32Array, or save the model with its dataset',
    });
  }
  const values = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === 'number' && spec.kind === 'one-hot' ? String(v) : v]));
  return encodeCondition(conditionAttributes(spec), values);
}
