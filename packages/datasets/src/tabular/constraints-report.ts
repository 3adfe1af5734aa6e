import type { ConstraintAdherence } from './constraints.js';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/**
 * One line on constraint adherence: per kind of constraint, the share of rows returned that meet
 * it and, in brackets, the share the model met before enforcement.
 *
 * @example
 * ```ts
 * adherenceLine(synthesis.adherence);
 * // '[cvae] constraints: ranges of 4 columns 100.0% (model alone 99.2%); combinations Species+Island 100.0% (model alone 97.0%)'
 * ```
 */
export function adherenceLine(a: ConstraintAdherence): string {
  const parts: string[] = [];
  const ranges = Object.keys(a.checked.ranges).length;
  if (ranges > 0) parts.push(`ranges of ${ranges} column${ranges === 1 ? '' : 's'} ${percent(a.final.ranges)} (model alone ${percent(a.drawn.ranges)})`);
  const perValue = a.checked.conditionRanges;
  if (perValue !== undefined && a.final.conditionRanges !== undefined && a.drawn.conditionRanges !== undefined) {
    parts.push(`ranges per ${perValue.by.join('+')} value (${perValue.values} values) ${percent(a.final.conditionRanges)} (model alone ${percent(a.drawn.conditionRanges)})`);
  }
  if (a.checked.combinations.length > 0) parts.push(`combinations ${a.checked.combinations.join(', ')} ${percent(a.final.combinations)} (model alone ${percent(a.drawn.combinations)})`);
  if (a.drawn.predicate !== 1 || a.final.predicate !== 1) parts.push(`predicate ${percent(a.final.predicate)} (model alone ${percent(a.drawn.predicate)})`);
  return `[cvae] constraints: ${parts.length > 0 ? parts.join('; ') : 'none'} over ${a.rows} rows`;
}
