/** One attribute of the condition c. */
export type ConditionAttribute =
  /** A class label, one-hot encoded over `classes`. */
  | { readonly name: string; readonly kind: 'categorical'; readonly classes: readonly string[] }
  /** A number, standardised as (value - mean) / std. */
  | { readonly name: string; readonly kind: 'continuous'; readonly mean: number; readonly std: number };
import { CvaeError } from '../errors/cvae-error.js';

/**
 * Length of c for a list of attributes: classes for a categorical one, 1 for a continuous one.
 *
 * @example
 * ```ts
 * conditionSize([{ name: 'digit', kind: 'categorical', classes: ['0', '1'] }, { name: 'slant', kind: 'continuous', mean: 0, std: 1 }]); // 3
 * ```
 */
export function conditionSize(attributes: readonly ConditionAttribute[]): number {
  return attributes.reduce((n, a) => n + (a.kind === 'categorical' ? a.classes.length : 1), 0);
}

/**
 * Encodes one condition row from attribute values (class names or numbers) into `out` at `offset`.
 * Every attribute must be given; a wrong name, class or number is refused, naming what is allowed.
 *
 * @example
 * ```ts
 * encodeCondition(attributes, { digit: '3', slant: 0.2 }); // Float32Array [0, 0, 0, 1, ..., 0.2]
 * ```
 */
export function encodeCondition(
  attributes: readonly ConditionAttribute[],
  values: Readonly<Record<string, string | number>>,
  out = new Float32Array(conditionSize(attributes)),
  offset = 0,
): Float32Array {
  const known = new Set(attributes.map((a) => a.name));
  const unknown = Object.keys(values).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new CvaeError('condition', `unknown attribute ${unknown.map((n) => `"${n}"`).join(', ')}; the attributes are ${[...known].join(', ')}`);
  }
  let at = offset;
  for (const attribute of attributes) {
    const value = values[attribute.name];
    if (value === undefined) throw new CvaeError('condition', `no value for attribute "${attribute.name}"`);
    if (attribute.kind === 'categorical') {
      const index = attribute.classes.indexOf(String(value));
      if (index < 0) {
        throw new CvaeError('condition', `"${value}" is not a class of "${attribute.name}"; the classes are ${attribute.classes.join(', ')}`);
      }
      out.fill(0, at, at + attribute.classes.length);
      out[at + index] = 1;
      at += attribute.classes.length;
    } else {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) throw new CvaeError('condition', `"${attribute.name}" takes a number, found "${value}"`);
      out[at] = (number - attribute.mean) / (attribute.std || 1);
      at += 1;
    }
  }
  return out;
}

/**
 * Splits `name=value[,name=value]` at the commas that start a new pair: a comma followed by text
 * without an `=` belongs to the value before it (`city=Washington, DC` is one pair). The pieces are
 * returned untrimmed; a piece without `=` (only possible first) is left for the caller to refuse.
 *
 * @example
 * ```ts
 * splitNameValuePairs('city=Washington, DC,year=2000'); // ['city=Washington, DC', 'year=2000']
 * ```
 */
export function splitNameValuePairs(text: string): string[] {
  const pairs: string[] = [];
  for (const part of text.split(',')) {
    if (part.includes('=') || pairs.length === 0) pairs.push(part);
    else pairs[pairs.length - 1] += `,${part}`;
  }
  return pairs;
}

/**
 * Parses `name=value[,name=value]` (the CLI's `--condition`) into attribute values. A comma starts
 * a new pair only when the text after it has an `=`: otherwise it belongs to the value, so a label
 * such as `Washington, DC` can be named (`city=Washington, DC,year=2000`).
 *
 * @example
 * ```ts
 * parseConditionArgument('digit=3,slant=0.5'); // { digit: '3', slant: '0.5' }
 * parseConditionArgument('city=Washington, DC'); // { city: 'Washington, DC' }
 * ```
 */
export function parseConditionArgument(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of splitNameValuePairs(text)) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new CvaeError('condition', `expected name=value, found "${pair}" in "${text}"`);
    values[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return values;
}
