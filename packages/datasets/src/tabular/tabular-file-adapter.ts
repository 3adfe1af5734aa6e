import type { RecordSource } from './record-source.js';
import { checkMemoryBudget, defaultMemoryBudget } from './memory-budget.js';
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
  /** A CSV whose loaded table would exceed the memory budget is refused before it is read, with the figures. */
  protected override async checkFile(path: string, delimiter: string): Promise<void> {
    await checkMemoryBudget(path, delimiter, this.memoryBudget ?? defaultMemoryBudget());
  }

  protected override openFile(path: string, options: { delimiter?: string; signal?: AbortSignal }): RecordSource {
    return csvSource(path, options);
  }
}
