import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The data directory of the vega-datasets devDependency (penguins.json, cars.json; BSD-3). */
export const VEGA_DATA_DIR = join(dirname(createRequire(import.meta.url).resolve('vega-datasets')), '..', 'data');

/** Parsed records of a vega-datasets JSON file, e.g. `vegaRecords('penguins.json')`. */
export function vegaRecords(file: string): object[] {
  return JSON.parse(readFileSync(join(VEGA_DATA_DIR, file), 'utf8')) as object[];
}
