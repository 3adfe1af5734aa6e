import { DatasetError } from '../dataset-error.js';
import type { RawRecord, RawValue } from './values.js';

/**
 * Checks records already in memory (parsed JSON, e.g. vega-datasets' penguins.json) and returns
 * them as {@link RawRecord}s: each must be a plain object whose cells are strings, numbers,
 * booleans or null. A wrong record throws, naming its index and the offending cell.
 *
 * @example
 * ```ts
 * const records = fromJsonRecords(JSON.parse(await readFile('penguins.json', 'utf8')));
 * ```
 */
export function fromJsonRecords(records: unknown): RawRecord[] {
  if (!Array.isArray(records)) throw new DatasetError('tabular', `records must be an array of objects, found ${typeof records}`);
  if (records.length === 0) throw new DatasetError('tabular', 'records is empty; give at least one record');
  return records.map((record: unknown, index) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new DatasetError('tabular', `record ${index} must be an object of column → value, found ${JSON.stringify(record)}`);
    }
    for (const [name, value] of Object.entries(record)) {
      if (value !== null && value !== undefined && !['string', 'number', 'boolean'].includes(typeof value)) {
        throw new DatasetError('tabular', `record ${index}, column "${name}": ${JSON.stringify(value)} is not a string, number, boolean or null; flatten nested values into their own columns`);
      }
    }
    return record as Record<string, RawValue>;
  });
}
