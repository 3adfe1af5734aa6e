import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The records of one of vega-datasets' JSON tables (BSD-3), e.g. `penguins` or `cars`. */
export async function vegaRecords(name: string): Promise<Record<string, unknown>[]> {
  // vega-datasets exports no data paths: its data folder sits beside its entry's folder.
  const data = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');
  return JSON.parse(await readFile(join(data, `${name}.json`), 'utf8')) as Record<string, unknown>[];
}

/** A CSV line of cells, quoted where needed; null/undefined are empty cells. */
export const csvLine = (cells: readonly unknown[]) =>
  cells.map((v) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(',');

/** vega-datasets' penguins as a CSV file in `dir` (the table users would bring); returns its path. */
export async function penguinsCsv(dir: string): Promise<string> {
  const records = await vegaRecords('penguins');
  const columns = Object.keys(records[0]);
  const path = join(dir, 'penguins.csv');
  await writeFile(path, `${[csvLine(columns), ...records.map((r) => csvLine(columns.map((c) => r[c])))].join('\n')}\n`);
  return path;
}
