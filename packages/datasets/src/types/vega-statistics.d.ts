// vega-statistics 2.0.0 ships no type declarations; the two functions the quantile transform uses.
declare module 'vega-statistics' {
  /** Φ(value) of a normal distribution (West 2009 approximation, double precision). */
  export function cumulativeNormal(value: number, mean?: number, stdev?: number): number;
  /** Φ⁻¹(p) of a normal distribution (Giles' erfinv); NaN outside [0, 1]. */
  export function quantileNormal(p: number, mean?: number, stdev?: number): number;
}
