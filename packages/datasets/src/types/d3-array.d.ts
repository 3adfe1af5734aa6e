// d3-array 3.2.5 ships no type declarations (@types/d3-array is not in the tree); the three functions the
// quantile transform uses.
declare module 'd3-array' {
  /** The p-quantile of sorted numbers (R-7: linear interpolation between order statistics); undefined when empty. */
  export function quantileSorted(values: ArrayLike<number>, p: number): number | undefined;
  /** The first index i with values[i] >= x in sorted values (values.length when none). */
  export function bisectLeft(values: ArrayLike<number>, x: number): number;
  /** The first index i with values[i] > x in sorted values (values.length when none). */
  export function bisectRight(values: ArrayLike<number>, x: number): number;
}
