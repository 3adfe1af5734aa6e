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
