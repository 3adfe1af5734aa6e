import { isCategoryEncoding, type NumericEncoding } from './column-encoder.js';
import { rangesFor, type ConditionRanges } from './condition-ranges.js';
import type { SeenCombinations, TabularEncoder } from './tabular-encoder.js';
import { cellNumber, combinationKey, ownValue, type TabularRecord } from './values.js';

/**
 * Rules every generated row must follow. Ranges default to each number column's training range;
 * fixed combinations come from the encoder (`--combinations`, seen in training); a library user
 * adds a `transform` (applied to every row first) and/or a `predicate` (rows failing it are drawn again).
 *
 * @example
 * ```ts
 * const constraints: TabularConstraints = {
 *   ranges: { 'Body Mass (g)': [3000, 6000] },
 *   transform: (row) => ({ ...row, Sex: row.Sex ?? 'FEMALE' }),
 *   predicate: (row) => Number(row['Flipper Length (mm)']) > 180,
 * };
 * ```
 */
export interface TabularConstraints {
  /** Column → [min, max], both included; replaces the training range of the columns it names. */
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
  /** Turns the training-range defaults off, overall and per condition value (ranges given above still apply). */
  readonly noTrainingRanges?: boolean;
  /** Turns only the per-condition-value ranges off (see `ConditionRanges`). */
  readonly noConditionRanges?: boolean;
  /** Applied to every generated row first. */
  readonly transform?: (row: TabularRecord) => TabularRecord;
  /** Rows failing it are drawn again (a few times), then kept and counted in the adherence. */
  readonly predicate?: (row: TabularRecord) => boolean;
}

/** Share of rows that met each constraint, as the model drew them and after enforcement. */
export interface ConstraintAdherence {
  readonly rows: number;
  /** Before enforcement (what the model alone gives). */
  readonly drawn: ConstraintShares;
  /** In the rows returned: ranges and combinations are enforced (1), the predicate after redraws. */
  readonly final: ConstraintShares;
  /** The ranges and combinations checked; `conditionRanges`: the condition columns and number columns of the per-value ranges. */
  readonly checked: {
    readonly ranges: Readonly<Record<string, readonly [number, number]>>;
    readonly combinations: readonly string[];
    readonly conditionRanges?: { readonly by: readonly string[]; readonly values: number; readonly columns: readonly string[] };
  };
}

/** Share of rows meeting each constraint (1 where a constraint does not apply). */
export interface ConstraintShares {
  readonly ranges: number;
  /** Rows whose numbers sit in their condition value's training ranges (absent in reports written before it). */
  readonly conditionRanges?: number;
  readonly combinations: number;
  readonly predicate: number;
}

/** The constraints resolved against an encoder: ranges per number column, combination sets. */
export interface ResolvedConstraints {
  readonly ranges: Map<string, { readonly lo: number; readonly hi: number; readonly e: NumericEncoding }>;
  readonly combinations: readonly { readonly columns: readonly string[]; readonly seen: ReadonlySet<string>; readonly list: readonly string[] }[];
  /** Per condition value, each number column's training range (widened by one spacing), minus columns given explicit ranges. */
  readonly conditionRanges?: ConditionRanges;
  /** Applied to every generated row first. */
  readonly transform?: (row: TabularRecord) => TabularRecord;
  /** Rows failing it are drawn again (a few times), then kept and counted in the adherence. */
  readonly predicate?: (row: TabularRecord) => boolean;
}

/**
 * Resolves constraints against a fitted encoder (default ranges: the training min/max of every
 * generated number column).
 *
 * @example
 * ```ts
 * const resolved = resolveConstraints(encoder, { predicate: (row) => row.Sex !== null });
 * ```
 */
export function resolveConstraints(encoder: TabularEncoder, constraints: TabularConstraints = {}): ResolvedConstraints {
  const ranges = new Map<string, { lo: number; hi: number; e: NumericEncoding }>();
  for (const e of encoder.xColumns) {
    if (isCategoryEncoding(e)) continue;
    const given = constraints.ranges?.[e.name];
    if (given !== undefined) ranges.set(e.name, { lo: given[0], hi: given[1], e });
    else if (!constraints.noTrainingRanges && e.min !== undefined && e.max !== undefined) ranges.set(e.name, { lo: e.min, hi: e.max, e });
  }
  const combinations = encoder.combinations.map((c: SeenCombinations) => ({ columns: c.columns, seen: new Set(c.seen), list: c.seen }));
  const perValue = constraints.noTrainingRanges || constraints.noConditionRanges ? undefined : withoutColumns(encoder.conditionRanges, Object.keys(constraints.ranges ?? {}));
  return { ranges, combinations, ...(perValue && { conditionRanges: perValue }), transform: constraints.transform, predicate: constraints.predicate };
}

/** The ranges without the columns a user gave ranges of (theirs replace the training ones). */
function withoutColumns(ranges: ConditionRanges | undefined, dropped: readonly string[]): ConditionRanges | undefined {
  if (ranges === undefined || dropped.length === 0) return ranges;
  const byValue = Object.fromEntries(Object.entries(ranges.byValue).map(([key, columns]) => [key, Object.fromEntries(Object.entries(columns).filter(([name]) => !dropped.includes(name)))]));
  return { columns: ranges.columns, byValue };
}

const numberOf = cellNumber;

/** Whether a row's number columns sit in their ranges (missing cells pass). */
export function inRanges(row: TabularRecord, c: ResolvedConstraints): boolean {
  for (const [name, { lo, hi }] of c.ranges) {
    const v = numberOf(row[name] ?? null);
    if (v !== undefined && (v < lo || v > hi)) return false;
  }
  return true;
}

/** Whether a row's numbers sit in its condition value's ranges (missing cells, columns in `skip` and values without ranges pass). */
export function inConditionRanges(row: TabularRecord, c: ResolvedConstraints, skip: ReadonlySet<string> = new Set()): boolean {
  const ranges = c.conditionRanges && rangesFor(row, c.conditionRanges);
  if (ranges === undefined) return true;
  for (const [name, [lo, hi]] of Object.entries(ranges)) {
    if (skip.has(name)) continue;
    const v = numberOf(row[name] ?? null);
    if (v !== undefined && (v < lo || v > hi)) return false;
  }
  return true;
}

/** Whether a row's fixed-combination columns hold a combination seen in training. */
export function inCombinations(row: TabularRecord, c: ResolvedConstraints): boolean {
  return c.combinations.every(({ columns, seen }) => seen.has(combinationKey(columns.map((name) => row[name] ?? null))));
}

/**
 * Clamps a row's numbers into their ranges (datetimes stay ISO strings; the value is written back
 * in the column's form by the encoder's spelling).
 */
export function clampRanges(row: TabularRecord, c: ResolvedConstraints, skip: ReadonlySet<string> = new Set()): TabularRecord {
  const out = { ...row };
  const perValue = c.conditionRanges && rangesFor(row, c.conditionRanges);
  for (const [name, { lo, hi, e }] of c.ranges) {
    const v = numberOf(out[name] ?? null);
    // The condition value's range (inside the overall one), unless the column is given.
    const own = skip.has(name) || perValue === undefined ? undefined : ownValue(perValue, name);
    const [low, high] = own ? [Math.max(lo, own[0]), Math.min(hi, own[1])] : [lo, hi];
    if (v === undefined || (v >= low && v <= high)) continue;
    const clamped = Math.min(high, Math.max(low, v));
    out[name] = e.kind === 'datetime' ? new Date(clamped).toISOString().slice(0, e.dateOnly ? 10 : 24) : clamped;
  }
  return out;
}

/**
 * Replaces a row's combination that training never saw by the seen one sharing most of its values,
 * keeping the columns in `fixed` (conditions, `--given` columns) as they are; ties go to the first
 * in sorted order, so the result is reproducible. Rows whose fixed values match no seen combination
 * are left as they are (the caller reports them).
 */
export function repairCombinations(row: TabularRecord, c: ResolvedConstraints, fixed: ReadonlySet<string>): TabularRecord {
  let out = row;
  for (const { columns, seen, list } of c.combinations) {
    const values = columns.map((name) => out[name] ?? null);
    if (seen.has(combinationKey(values))) continue;
    let best: (string | null)[] | undefined;
    let bestShared = -1;
    for (const key of list) {
      const candidate = JSON.parse(key) as (string | null)[];
      if (columns.some((name, i) => fixed.has(name) && candidate[i] !== (values[i] === null ? null : String(values[i])))) continue;
      const shared = candidate.filter((v, i) => v === (values[i] === null ? null : String(values[i]))).length;
      if (shared > bestShared) [best, bestShared] = [candidate, shared];
    }
    if (best === undefined) continue;
    out = { ...out };
    columns.forEach((name, i) => {
      const label = best![i];
      out[name] = label === null ? null : typeof row[name] === 'boolean' ? label === 'true' : label;
    });
  }
  return out;
}
