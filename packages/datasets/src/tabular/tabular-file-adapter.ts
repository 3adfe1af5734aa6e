import type { RecordSource } from './record-source.js';
import { csvSource } from './read-csv.js';
import { TabularAdapter as TextTabularAdapter } from './tabular-adapter.js';

export type { TabularAdapterOptions, TabularLoadInfo } from './tabular-adapter.js';

/**
 * The tabular adapter in Node: {@link TextTabularAdapter | the browser-safe adapter} plus `csv`,
 * a file path streamed twice in bounded memory (`csvText` and `records` work as there).
 *
 * @example
 * ```ts
 * const adapter = new TabularAdapter({ csv: 'penguins.csv', condition: ['Species'], missing: { Sex: 'category' } });
 * await adapter.load();
 * console.log(adapter.info.rows, adapter.spec.condition);
 * ```
 */
export class TabularAdapter extends TextTabularAdapter {
  protected override openFile(path: string, options: { delimiter?: string; signal?: AbortSignal }): RecordSource {
    return csvSource(path, options);
  }
}
