import { completeMissing, sampleData, seededRandom, type Cvae } from '@cvae/core';
import { clampRanges, inCombinations, inConditionRanges, inRanges, repairCombinations, resolveConstraints, type ConstraintAdherence, type ResolvedConstraints, type TabularConstraints } from './constraints.js';
import { givenRows, honours, type Given } from './given.js';
import type { TabularEncoder } from './tabular-encoder.js';
import { asEpochMs, type TabularRecord } from './values.js';

/** Options of {@link synthesize}. */
export interface SynthesisOptions {
  readonly seed?: number;
  /** Generated columns fixed at sampling time (see `parseGiven`): the rest is completed from p(x_rest | x_given, c). */
  readonly given?: readonly Given[];
  readonly constraints?: TabularConstraints;
  /** Metropolis-within-Gibbs sweeps of the completion (default 200). */
  readonly iterations?: number;
}

/** Rows drawn by {@link synthesize}, with how well they honour the request and the constraints. */
export interface Synthesis {
  readonly records: TabularRecord[];
  /** Share of rows honouring every `given` (1 when none was asked). */
  readonly honoured: number;
  /** Share of completion proposals accepted (NaN without `given`). */
  readonly acceptance: number;
  readonly adherence: ConstraintAdherence;
}

/** Times rows breaking a combination or the predicate are drawn again before being repaired (or kept and counted). */
const REDRAWS = 5;

/**
 * Draws one row per condition row of `conditions` from a trained tabular CVAE, honouring `given`
 * columns and the constraints, with no "max tries" failure:
 *
 * - without `given`: z ~ p(z|c), x ~ p(x|z,c) (`sampleData`);
 * - with `given`: the given slots are fixed and the other columns completed by
 *   Metropolis-within-Gibbs (core's `completeMissing`, which targets p(x_rest | x_given, c) — the
 *   model's own conditional, so a request far in the tail still yields rows). A `lo..hi` range first
 *   picks each row's value from the model's own draws that fall in the range (importance resampling
 *   of its marginal with weight 1 in the range, 0 outside), uniformly in the range if none does;
 * - then each row goes through `transform`; rows breaking a fixed combination, their condition
 *   value's number ranges (`ConditionRanges`) or the predicate are drawn again (up to 5 times);
 *   numbers are clamped to their ranges, and combinations still unseen are replaced by the nearest
 *   seen one (keeping condition and given columns).
 *
 * @example
 * ```ts
 * const { records, honoured } = synthesize(model, encoder, repeatRows(c, 500), { given: parseGiven('Island=Biscoe', encoder), seed: 1 });
 * ```
 */
export function synthesize(model: Cvae, encoder: TabularEncoder, conditions: Float32Array, options: SynthesisOptions = {}): Synthesis {
  const { seed = 0, given = [], iterations = 200 } = options;
  const resolved = resolveConstraints(encoder, options.constraints);
  const rows = conditions.length / encoder.cSize;
  let acceptance = NaN;
  const draw = (indices: readonly number[], round: number): TabularRecord[] => {
    const c = new Float32Array(indices.length * encoder.cSize);
    indices.forEach((row, i) => c.set(conditions.subarray(row * encoder.cSize, (row + 1) * encoder.cSize), i * encoder.cSize));
    const drawSeed = seed + round * 7919;
    if (given.length === 0) return encoder.decode(sampleData(model, c, drawSeed), c);
    const pick = rangePicker(model, encoder, c, given, drawSeed);
    const { x, observed } = givenRows(encoder, given, indices.length, pick);
    const completion = completeMissing(model, x, observed, c, { iterations, seed: drawSeed });
    if (round === 0) acceptance = completion.acceptance;
    return encoder.decode(completion.draws, c);
  };
  const all = Array.from({ length: rows }, (_, i) => i);
  let records = draw(all, 0).map((row) => (resolved.transform ? resolved.transform(row) : row));
  // A --given column keeps the value asked for, even outside its condition value's range.
  const givenColumns = new Set(given.map((g) => g.column));
  const drawn = shares(records, resolved, givenColumns);
  const fixed = new Set([...encoder.conditionColumns.map((e) => e.name), ...givenColumns]);
  const breaks = (row: TabularRecord) =>
    !inCombinations(row, resolved) || !inConditionRanges(row, resolved, givenColumns) || (resolved.predicate !== undefined && !resolved.predicate(row));
  for (let round = 1; round <= REDRAWS; round++) {
    const bad = all.filter((i) => breaks(records[i]));
    if (bad.length === 0) break;
    const again = draw(bad, round);
    bad.forEach((row, i) => (records[row] = resolved.transform ? resolved.transform(again[i]) : again[i]));
  }
  records = records.map((row) => repairCombinations(clampRanges(row, resolved, givenColumns), resolved, fixed));
  const honoured = given.length === 0 ? 1 : records.filter((row) => given.every((g) => honours(row, g, encoder))).length / Math.max(1, rows);
  return { records, honoured, acceptance, adherence: { rows, drawn, final: shares(records, resolved, givenColumns), checked: describeChecked(resolved) } };
}

/** For each `lo..hi` given: per row, a value from the model's own draws inside the range (or uniform in it). */
function rangePicker(model: Cvae, encoder: TabularEncoder, c: Float32Array, given: readonly Given[], seed: number): (g: Given, row: number) => number {
  const ranges = given.filter((g) => g.target.kind === 'range');
  if (ranges.length === 0) return () => NaN;
  const pool = encoder.decode(sampleData(model, c, seed + 1), c);
  const random = seededRandom(`${seed}:given-range`);
  const inside = new Map<string, number[]>();
  for (const g of ranges) {
    if (g.target.kind !== 'range') continue;
    const { lo, hi } = g.target;
    const values = pool.map((row) => row[g.column]).map((v) => (typeof v === 'number' ? v : v === null ? NaN : (asEpochMs(String(v)) ?? NaN)));
    inside.set(g.column, values.filter((v) => v >= lo && v <= hi));
  }
  return (g) => {
    if (g.target.kind !== 'range') return NaN;
    const own = inside.get(g.column)!;
    return own.length > 0 ? own[Math.floor(random() * own.length)] : g.target.lo + random() * (g.target.hi - g.target.lo);
  };
}

function shares(records: readonly TabularRecord[], c: ResolvedConstraints, givenColumns: ReadonlySet<string>): ConstraintAdherence['drawn'] {
  const share = (ok: (row: TabularRecord) => boolean) => records.filter(ok).length / Math.max(1, records.length);
  return {
    ranges: share((row) => inRanges(row, c)),
    ...(c.conditionRanges && { conditionRanges: share((row) => inConditionRanges(row, c, givenColumns)) }),
    combinations: share((row) => inCombinations(row, c)),
    predicate: c.predicate === undefined ? 1 : share(c.predicate),
  };
}

function describeChecked(c: ResolvedConstraints): ConstraintAdherence['checked'] {
  return {
    ranges: Object.fromEntries([...c.ranges].map(([name, { lo, hi }]) => [name, [lo, hi] as const])),
    combinations: c.combinations.map((k) => k.columns.join('+')),
    ...(c.conditionRanges && {
      conditionRanges: {
        by: c.conditionRanges.columns,
        values: Object.keys(c.conditionRanges.byValue).length,
        columns: [...new Set(Object.values(c.conditionRanges.byValue).flatMap((columns) => Object.keys(columns)))],
      },
    }),
  };
}
