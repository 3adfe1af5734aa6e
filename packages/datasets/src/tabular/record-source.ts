import { DatasetError } from '../dataset-error.js';
import { fromJsonRecords } from './json-records.js';
import type { CellPlace } from './kind-sniffer.js';
import type { RawRecord } from './values.js';

/** Records that can be read more than once, each with a row number that `place` turns into a location. */
export interface RecordSource {
  /** One pass over the records: `[record, row]`. */
  scan(): AsyncIterable<readonly [RawRecord, number]>;
  /** Where row `row` is, for messages (`file.csv line 7`, `record 6`). */
  readonly place: CellPlace;
}

/**
 * Records already in memory (e.g. parsed JSON) as a {@link RecordSource}; they are checked once.
 *
 * @example
 * ```ts
 * const source = recordsSource(JSON.parse(text));
 * ```
 */
export function recordsSource(records: unknown, signal?: AbortSignal): RecordSource {
  const checked = fromJsonRecords(records);
  return {
    place: (row) => `record ${row}`,
    async *scan() {
      for (let row = 0; row < checked.length; row++) {
        if (signal?.aborted) throw signal.reason ?? new DatasetError('tabular', 'aborted');
        yield [checked[row], row] as const;
      }
    },
  };
}
