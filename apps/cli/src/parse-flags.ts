import { CvaeError, type DatasetDescriptor, type DatasetFlag } from '@cvae/core';
import { InvalidArgumentError, Option } from 'commander';

/** commander parser for an integer flag in [min, max]. */
export function integerFlag(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = value.trim() === '' ? NaN : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in ${min}..${max}`}, found "${value}"`);
    }
    return n;
  };
}

/** commander parser for a number flag >= min (exclusive when `exclusive`), and <= max. */
export function numberFlag(min: number, exclusive = false, max = Infinity) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || (exclusive && n === min) || n > max) {
      const range = `${exclusive ? '>' : '>='} ${min}${max === Infinity ? '' : ` and <= ${max}`}`;
      throw new InvalidArgumentError(`expected a number ${range}, found "${value}"`);
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
 * commander options for datasets' own flags (`DatasetFlag`), each parsed by the dataset; the
 * same flag declared by two datasets is registered once. For commands that read a saved model,
 * only the flags that say where the data lives (its stored flags are used otherwise).
 *
 * @example
 * ```ts
 * for (const option of datasetFlagOptions(DATASET_DESCRIPTORS)) trainCommand.addOption(option);
 * ```
 */
export function datasetFlagOptions(descriptors: readonly DatasetDescriptor[], { forSavedModels = false } = {}): Option[] {
  const seen = new Set<string>();
  const wanted = (flag: DatasetFlag) => !seen.has(flag.name) && seen.add(flag.name) && (!forSavedModels || flag.locatesData === true);
  return descriptors.flatMap((descriptor) =>
    (descriptor.flags ?? []).filter(wanted).map((flag) => {
      const kebab = flag.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const option = new Option(`--${kebab}${flag.value === undefined ? '' : ` ${flag.value}`}`, flag.description);
      const parse = flag.parse;
      if (parse !== undefined) {
        option.argParser((text: string) => {
          try {
            return parse(text);
          } catch (error) {
            throw new InvalidArgumentError(CvaeError.is(error) ? error.detail : String(error));
          }
        });
      }
      // A saved model's commands take the stored value unless the flag is given.
      if (!forSavedModels && flag.default !== undefined) option.default(flag.default);
      return option;
    }),
  );
}
