import { InvalidArgumentError } from 'commander';

/** commander parser for an integer flag in [min, max]. */
export function integerFlag(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer in ${min}..${max}, found "${value}"`);
    return n;
  };
}

/** commander parser for a number flag >= min (exclusive when `exclusive`). */
export function numberFlag(min: number, exclusive = false) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || (exclusive && n === min)) {
      throw new InvalidArgumentError(`expected a number ${exclusive ? '>' : '>='} ${min}, found "${value}"`);
    }
    return n;
  };
}

/** commander parser for a comma-separated list of layer widths, e.g. `512,256`. */
export function widthsFlag(value: string): number[] {
  const widths = value.split(',').map((part) => Number(part.trim()));
  if (widths.length === 0 || widths.some((w) => !Number.isInteger(w) || w < 1)) {
    throw new InvalidArgumentError(`expected comma-separated positive integers such as 512,256, found "${value}"`);
  }
  return widths;
}

/**
 * commander parser for `name=value` pairs separated by commas, each value one of `allowed`,
 * e.g. `Cylinders=categorical,Name=identifier`.
 */
export function assignmentsFlag(allowed: readonly string[]) {
  return (text: string): Record<string, string> => {
    const pairs: Record<string, string> = {};
    for (const part of text.split(',')) {
      const at = part.lastIndexOf('=');
      const [name, value] = [part.slice(0, at).trim(), part.slice(at + 1).trim()];
      if (at <= 0 || !allowed.includes(value)) {
        throw new InvalidArgumentError(`expected COLUMN=VALUE pairs with VALUE one of ${allowed.join(', ')}, found "${part}"`);
      }
      pairs[name] = value;
    }
    return pairs;
  };
}

/** commander parser for a missing-value option: one policy for all columns, or `column=policy` pairs. */
export function missingFlag(policies: readonly string[]) {
  const pairs = assignmentsFlag(policies);
  return (text: string): string | Record<string, string> => (policies.includes(text.trim()) ? text.trim() : pairs(text));
}
