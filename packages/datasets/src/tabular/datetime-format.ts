/**
 * How an ISO 8601 date or date-time was written, so generated values can be written the same way:
 * `2024-01-31`, `2024-01-31 12:30`, `2024-01-31T12:30:05.250+02:00`, ...
 */
export interface DatetimeFormat {
  /** What follows the date: nothing, hours and minutes, or also seconds. */
  readonly time: 'none' | 'minutes' | 'seconds';
  /** Between date and time: `T` or a space. */
  readonly separator: 'T' | ' ';
  /** Digits of the fraction of a second (0: none). */
  readonly fraction: number;
  /** The zone as written: empty (read as UTC), `Z`, or an offset such as `+02:00` or `-0500`. */
  readonly zone: string;
}

const PARTS = /^(\d{4}-\d{2}-\d{2})(?:([T ])(\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MINUTE_MS = 60_000;

/**
 * The format of one ISO 8601 cell, or `undefined` when it is not one.
 *
 * @example
 * ```ts
 * datetimeFormatOf('2024-01-31 12:30'); // { time: 'minutes', separator: ' ', fraction: 0, zone: '' }
 * ```
 */
export function datetimeFormatOf(text: string): DatetimeFormat | undefined {
  const m = PARTS.exec(text.trim());
  if (m === null) return undefined;
  if (m[2] === undefined) return { time: 'none', separator: 'T', fraction: 0, zone: '' };
  return { time: m[4] === undefined ? 'minutes' : 'seconds', separator: m[2] as 'T' | ' ', fraction: m[5]?.length ?? 0, zone: m[6] ?? '' };
}

/**
 * Epoch milliseconds of an ISO 8601 cell; a date-time without a zone is read as UTC (not as the
 * machine's local time, so a table means the same everywhere), or `undefined`.
 *
 * @example
 * ```ts
 * parseIsoDatetime('1970-01-01 00:01'); // 60000
 * ```
 */
export function parseIsoDatetime(text: string): number | undefined {
  const trimmed = text.trim();
  const format = datetimeFormatOf(trimmed);
  if (format === undefined) return undefined;
  const ms = Date.parse(format.time !== 'none' && format.zone === '' ? `${trimmed.replace(' ', 'T')}Z` : trimmed.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

/** Minutes east of UTC of a written zone (`+02:00` → 120; `Z` or none → 0). */
function offsetMinutes(zone: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  return m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * Writes epoch milliseconds in `format` (rounded to its precision), in the zone it names.
 *
 * @example
 * ```ts
 * formatDatetime(60_000, { time: 'minutes', separator: ' ', fraction: 0, zone: '' }); // '1970-01-01 00:01'
 * ```
 */
export function formatDatetime(ms: number, format: DatetimeFormat): string {
  const local = ms + offsetMinutes(format.zone) * MINUTE_MS;
  if (format.time === 'none') return new Date(Math.round(local / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  const unit = format.time === 'minutes' ? MINUTE_MS : 1000 / 10 ** Math.min(format.fraction, 3);
  const rounded = new Date(Math.round(local / unit) * unit).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  let text = `${rounded.slice(0, 10)}${format.separator}${rounded.slice(11, format.time === 'minutes' ? 16 : 19)}`;
  if (format.time === 'seconds' && format.fraction > 0) text += `.${rounded.slice(20, 23).padEnd(format.fraction, '0').slice(0, format.fraction)}`;
  return text + format.zone;
}
