import { parse } from 'csv-parse/sync';
import { open } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { DatasetError } from '../dataset-error.js';

/** Bytes read from the start of a CSV to estimate its rows and columns. */
const SAMPLE_BYTES = 1 << 20;
/** Bytes a cell takes in memory at most (a float64 column; categories take 4). */
const BYTES_PER_CELL = 8;

/**
 * The default memory budget of a table: half of this machine's memory.
 *
 * @example
 * ```ts
 * defaultMemoryBudget(); // 12884901888 on a 24 GiB machine
 * ```
 */
export function defaultMemoryBudget(): number {
  return Math.floor(totalmem() / 2);
}

/** What {@link estimateTable} found: the header's width and the rows the file should hold. */
export interface TableEstimate {
  readonly columns: number;
  readonly rows: number;
  /** rows x columns x 8 bytes: the typed columns the table is loaded into. */
  readonly bytes: number;
}

/**
 * Estimates the memory a CSV needs once loaded, from its size and its first megabyte (the header
 * gives the columns, the sampled rows their average length), without reading the rest.
 *
 * @example
 * ```ts
 * const { rows, columns, bytes } = await estimateTable('wide.csv', ',');
 * ```
 */
export async function estimateTable(path: string, delimiter: string): Promise<TableEstimate | undefined> {
  const file = await open(path, 'r').catch(() => undefined);
  if (file === undefined) return undefined; // the reader names a missing file
  try {
    const info = await file.stat();
    if (!info.isFile()) return undefined;
    const { size } = info;
    const sample = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    await file.read(sample, 0, sample.length, 0);
    const text = sample.toString('utf8');
    const complete = size <= SAMPLE_BYTES ? text : text.slice(0, text.lastIndexOf('\n') + 1);
    const headerEnd = text.indexOf('\n');
    let records: string[][];
    try {
      records = parse(complete.length > 0 ? complete : text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
    } catch {
      return undefined; // malformed: the reader says where
    }
    const columns = records[0]?.length ?? 0;
    const sampled = records.length - 1;
    if (columns === 0) return undefined;
    // A header longer than the sample (a very wide file): at least one row as long as the header.
    const headerBytes = headerEnd < 0 ? size : headerEnd + 1;
    const rowBytes = sampled > 0 ? (Buffer.byteLength(complete) - headerBytes) / sampled : Math.max(headerBytes, 2 * columns);
    const rows = Math.max(sampled, Math.round((size - headerBytes) / Math.max(rowBytes, 1)));
    return { columns, rows, bytes: rows * columns * BYTES_PER_CELL };
  } finally {
    await file.close();
  }
}

/**
 * Refuses, before reading it, a CSV whose loaded table would not fit in `budget` bytes, with the
 * figures: rows, columns, the estimate and the budget.
 *
 * @example
 * ```ts
 * await checkMemoryBudget('wide.csv', ',', 2 ** 30); // throws DatasetError when it would need more than 1 GiB
 * ```
 */
export async function checkMemoryBudget(path: string, delimiter: string, budget: number): Promise<void> {
  const estimate = await estimateTable(path, delimiter);
  if (estimate === undefined || estimate.bytes <= budget) return;
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
  throw new DatasetError(
    'tabular',
    `${path}: about ${estimate.rows} rows x ${estimate.columns} columns would take ~${mb(estimate.bytes)} in memory (${BYTES_PER_CELL} bytes a cell), more than the memory budget of ${mb(budget)}; ` +
      'fix: keep only the columns you need (e.g. cut -d, -f1-20), sample the rows, or raise the budget (--memory-budget MB)',
  );
}
