/**
 * What a column holds:
 * - `continuous`: numbers with a fractional part somewhere in the column;
 * - `integer`: whole numbers only (counts, years); decoded values are rounded;
 * - `boolean`: `true`/`false` or `yes`/`no` (any case);
 * - `categorical`: anything else (labels); integer codes are `integer` unless overridden;
 * - `datetime`: ISO 8601 dates or date-times, modelled as epoch milliseconds (continuous);
 * - `identifier`: labels that are (nearly) all distinct, such as names or ids: left out of the
 *   model (one-hot cannot generalise over them, and rows with unseen ones could not be encoded).
 */
export type ColumnKind = 'continuous' | 'integer' | 'boolean' | 'categorical' | 'datetime' | 'identifier';

/** Every {@link ColumnKind}, for validating user overrides. */
export const COLUMN_KINDS: readonly ColumnKind[] = ['continuous', 'integer', 'boolean', 'categorical', 'datetime', 'identifier'];
