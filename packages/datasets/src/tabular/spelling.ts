import { datetimeFormatOf, formatDatetime, parseIsoDatetime, type DatetimeFormat } from './datetime-format.js';
import { isNumericKind, type ColumnSchema } from './schema.js';
import { asBoolean, isMissing, type RawValue, type TabularValue } from './values.js';

/**
 * How a column's cells were written in the input, so generated cells are written the same way:
 * booleans as the input's words (`yes`/`no`, `Y`/`N`, `1`/`0`, `TRUE`/`FALSE`), numbers with the
 * input's fixed decimals (`3.50`), datetimes in the input's ISO form and zone, and missing cells as
 * the input's token (empty, `NA`, `NaN`, `null`). Plain JSON, saved in the encoder file.
 */
export interface ColumnSpelling {
  readonly true?: string;
  readonly false?: string;
  /** Every number cell was written with exactly this many decimals (text input only). */
  readonly decimals?: number;
  readonly datetime?: DatetimeFormat;
  /** The token missing cells were written as (the most frequent one). */
  readonly missing?: string;
}

/** Column name → spelling. */
export type TableSpelling = Readonly<Record<string, ColumnSpelling>>;

/** The key of the most frequent entry of a count map. */
function commonest<K>(counts: Map<K, number>): K | undefined {
  let best: K | undefined;
  for (const [key, n] of counts) if (best === undefined || n > counts.get(best)!) best = key;
  return best;
}

interface Counts {
  readonly trues: Map<string, number>;
  readonly falses: Map<string, number>;
  readonly decimals: Set<number>;
  readonly formats: Map<string, number>;
  readonly missing: Map<string, number>;
}

/**
 * Watches raw cells as a table is read and remembers how each column was written (the commonest
 * spelling wins where cells differ).
 *
 * @example
 * ```ts
 * const recorder = new SpellingRecorder(schema);
 * recorder.observe(schema[0], 'yes');
 * recorder.spelling(); // { smoker: { true: 'yes' } }
 * ```
 */
export class SpellingRecorder {
  private readonly counts = new Map<string, Counts>();

  constructor(schema: readonly ColumnSchema[]) {
    for (const c of schema) this.counts.set(c.name, { trues: new Map(), falses: new Map(), decimals: new Set(), formats: new Map(), missing: new Map() });
  }

  /** Counts how one raw cell of `column` is written. */
  observe(column: ColumnSchema, raw: RawValue): void {
    const counts = this.counts.get(column.name);
    if (counts === undefined) return;
    const text = raw === null || raw === undefined ? '' : String(raw).trim();
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    if (isMissing(raw)) {
      bump(counts.missing, typeof raw === 'number' ? 'NaN' : text);
      return;
    }
    if (column.kind === 'boolean') {
      const b = typeof raw === 'boolean' ? raw : (asBoolean(text) ?? text === '1');
      bump(b ? counts.trues : counts.falses, text);
    } else if ((column.kind === 'continuous' || column.kind === 'integer') && typeof raw === 'string') {
      const dot = text.search(/\.\d*$/);
      counts.decimals.add(/[eE]/.test(text) ? -1 : dot < 0 ? 0 : text.length - dot - 1);
    } else if (column.kind === 'datetime' && typeof raw === 'string') {
      const format = datetimeFormatOf(text);
      if (format !== undefined) bump(counts.formats, JSON.stringify(format));
    }
  }

  /** The spelling of every column that has one. */
  spelling(): TableSpelling {
    const out: Record<string, ColumnSpelling> = {};
    for (const [name, c] of this.counts) {
      const decimals = c.decimals.size === 1 ? [...c.decimals][0] : undefined;
      const format = commonest(c.formats);
      const spelling: ColumnSpelling = {
        ...(c.trues.size > 0 ? { true: commonest(c.trues) } : {}),
        ...(c.falses.size > 0 ? { false: commonest(c.falses) } : {}),
        ...(decimals !== undefined && decimals > 0 ? { decimals } : {}),
        ...(format !== undefined ? { datetime: JSON.parse(format) as DatetimeFormat } : {}),
        ...(c.missing.size > 0 ? { missing: commonest(c.missing) } : {}),
      };
      if (Object.keys(spelling).length > 0) out[name] = spelling;
    }
    return out;
  }
}

/**
 * Writes one typed cell (as `TabularEncoder.decode` returns it) the way the input wrote its column.
 *
 * @example
 * ```ts
 * spellCell({ name: 'smoker', kind: 'boolean' }, true, { true: 'yes', false: 'no' }); // 'yes'
 * spellCell({ name: 'w', kind: 'continuous' }, 3.5, { decimals: 2 }); // '3.50'
 * ```
 */
export function spellCell(column: ColumnSchema, value: TabularValue, spelling: ColumnSpelling = {}): string {
  if (value === null) return spelling.missing ?? '';
  if (column.kind === 'boolean') {
    const b = typeof value === 'boolean' ? value : value === 'true';
    return (b ? spelling.true : spelling.false) ?? String(b);
  }
  if (isNumericKind(column.kind) && column.kind !== 'datetime' && typeof value === 'number') {
    return spelling.decimals !== undefined ? value.toFixed(spelling.decimals) : String(value);
  }
  if (column.kind === 'datetime' && spelling.datetime !== undefined) {
    const ms = typeof value === 'number' ? value : parseIsoDatetime(String(value));
    if (ms !== undefined) return formatDatetime(ms, spelling.datetime);
  }
  return String(value);
}
