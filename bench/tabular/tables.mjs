// The public tables of the tabular benchmarks, written as CSV from npm vega-datasets (BSD-3-Clause package;
// sources per table in its datapackage.json / README). One command: node bench/tabular/tables.mjs [outDir]
// Writes OUT/{penguins,cars,birdstrikes,movies}.csv (default bench/results/tabular/data) and prints the
// condition column each benchmark uses.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';

const require = createRequire(join(process.cwd(), 'packages/datasets/package.json'));
const dataDir = join(dirname(require.resolve('vega-datasets')), '..', 'data');

/** Table name → vega-datasets file, condition column, extra `cvae train` flags. */
export const TABLES = {
  penguins: { file: 'penguins.json', condition: 'Species', flags: ['--missing', 'Sex=category', '--combinations', 'Species+Island'] },
  cars: { file: 'cars.json', condition: 'Origin', flags: [] },
  // FAA wildlife strikes, 10,000 rows: eight categorical columns of 3 to 50 levels, weak links (aircraft model, 225 levels, left out).
  birdstrikes: { file: 'birdstrikes.csv', condition: 'Wildlife Size', flags: ['--kinds', 'Aircraft Make Model=identifier', '--missing', 'category'] },
  // 3,201 films: rating, distributor, source, genre, creative type (categorical, many missing).
  movies: { file: 'movies.json', condition: 'MPAA Rating', flags: ['--kinds', 'Release Date=identifier,Distributor=identifier,Director=identifier', '--missing', 'category'] },
};

/** Writes every table as CSV into `out`; returns the paths. */
export function writeTables(out = 'bench/results/tabular/data') {
  mkdirSync(out, { recursive: true });
  const paths = {};
  for (const [name, { file }] of Object.entries(TABLES)) {
    const target = join(out, `${name}.csv`);
    if (file.endsWith('.csv')) copyFileSync(join(dataDir, file), target);
    else {
      const records = JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
      const columns = Object.keys(records[0]);
      writeFileSync(target, stringify(records.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : r[c]))), { header: true, columns }));
    }
    paths[name] = target;
  }
  return paths;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const paths = writeTables(process.argv[2]);
  for (const [name, path] of Object.entries(paths)) console.log(`${name}: ${path} (--condition ${TABLES[name].condition} ${TABLES[name].flags.join(' ')})`);
}
