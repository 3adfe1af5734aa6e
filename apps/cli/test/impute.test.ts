import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from './run-cli.js';
import { csvLine, penguinsCsv, vegaRecords } from './vega-csv.js';

const HEADER = ['Species', 'Island', 'Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)', 'Sex'];

// `cvae impute` on a small penguins model (built CLI): what it writes, and what it refuses.
describe('cvae impute (built CLI, wasm)', () => {
  let dir: string;
  let model: string;
  let gaps: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvae-impute-'));
    const trained = await run(['train', '--dataset', 'tabular', '--csv', await penguinsCsv(dir), '--condition', 'Species', '--epochs', '150', '--backend', 'wasm', '--out', join(dir, 'run')]);
    expect(trained.code, trained.stderr).toBe(0);
    model = join(dir, 'run', 'model');
    // 150 epochs (~450 steps): 20 left the species' flipper lengths nearly alike in samples.
    // Ten complete Adelie and ten complete Gentoo rows with their flipper length hidden, one row
    // with every non-condition cell empty, one with two cells empty.
    const records = (await vegaRecords('penguins')).filter((r) => HEADER.every((c) => r[c] !== null));
    const of = (species: string) => records.filter((r) => r.Species === species).slice(0, 10);
    const rows = [...of('Adelie'), ...of('Gentoo')].map((r) => HEADER.map((c) => (c === 'Flipper Length (mm)' ? null : r[c])));
    rows.push(['Chinstrap', null, null, null, null, null, null], ['Adelie', 'Dream', 39.5, null, 190, 3800, null]);
    gaps = join(dir, 'gaps.csv');
    await writeFile(gaps, `${[csvLine(HEADER), ...rows.map(csvLine)].join('\n')}\n`);
  }, 600_000);

  const impute = (args: string[]) => run(['impute', '--model', model, '--backend', 'wasm', '--iterations', '50', ...args]);
  // The penguins' cells hold no comma or quote, so a split reads them.
  const readCsv = async (path: string) => {
    const [header, ...lines] = (await readFile(path, 'utf8')).trim().split('\n').map((line) => line.split(','));
    return lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
  };

  it('fills every empty cell in the columns\' own spelling, keeps the given ones, and uses the condition', async () => {
    const out = join(dir, 'filled.csv');
    const result = await impute(['--input', gaps, '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 22, rowsWithGaps: 22, filledCells: 20 + 6 + 2, draws: 1 });
    const [input, filled] = [await readCsv(gaps), await readCsv(out)];
    expect(Object.keys(filled[0])).toEqual(HEADER);
    expect(filled).toHaveLength(22);
    filled.forEach((row, i) => {
      for (const column of HEADER) {
        if (input[i][column] !== '') expect(row[column]).toBe(input[i][column]);
        else expect(row[column]).not.toBe('');
      }
      expect(['Biscoe', 'Dream', 'Torgersen']).toContain(row.Island);
      expect(['MALE', 'FEMALE']).toContain(row.Sex);
      expect(row['Flipper Length (mm)']).toMatch(/^\d+$/); // integers in training
      if (input[i]['Beak Depth (mm)'] === '') expect(row['Beak Depth (mm)']).toMatch(/^\d+\.\d$/); // one decimal in training
    });
    // Gentoo flippers are ~27 mm longer than Adelie ones: the completion must follow the condition.
    const flipper = (species: string) => {
      const values = filled.filter((r) => r.Species === species).map((r) => Number(r['Flipper Length (mm)']));
      return values.reduce((s, v) => s + v, 0) / values.length;
    };
    expect(flipper('Gentoo') - flipper('Adelie')).toBeGreaterThan(10);
  }, 60_000);

  it('--draws N writes multiple imputations in the long layout (.imp, .id), the same for the same seed', async () => {
    const [a, b] = [join(dir, 'a.csv'), join(dir, 'b.csv')];
    for (const out of [a, b]) expect((await impute(['--input', gaps, '--out', out, '--draws', '3', '--seed', '4'])).code).toBe(0);
    expect(await readFile(a, 'utf8')).toBe(await readFile(b, 'utf8'));
    const rows = await readCsv(a);
    expect(Object.keys(rows[0])).toEqual(['.imp', '.id', ...HEADER]);
    expect(rows).toHaveLength(22 * 3);
    expect(rows.slice(0, 6).map((r) => [r['.imp'], r['.id']])).toEqual([['1', '1'], ['2', '1'], ['3', '1'], ['1', '2'], ['2', '2'], ['3', '2']]);
    // Draws of one row agree on the given cells and differ somewhere in the filled ones.
    const empty = rows.filter((r) => r['.id'] === '21');
    expect(new Set(empty.map((r) => r.Species))).toEqual(new Set(['Chinstrap']));
    expect(new Set(empty.map((r) => HEADER.map((c) => r[c]).join('|'))).size).toBeGreaterThan(1);
    const other = await impute(['--input', gaps, '--out', b, '--draws', '3', '--seed', '5']);
    expect(other.code).toBe(0);
    expect(await readFile(b, 'utf8')).not.toBe(await readFile(a, 'utf8'));
  }, 90_000);

  it('refuses bad input with the file, the line and the fix', async () => {
    const cases: [string, string, RegExp][] = [
      ['unknown-column', `${csvLine([...HEADER, 'Colour'])}\n${csvLine(['Adelie', 'Dream', 39.5, '', 190, 3800, 'MALE', 'red'])}\n`, /unknown-column\.csv line 1: unknown column "Colour"; the model was trained on Species, .*fix: remove or rename it/],
      ['absent-column', `${csvLine(HEADER.slice(0, 6))}\n${csvLine(['Adelie', 'Dream', 39.5, '', 190, 3800])}\n`, /absent-column\.csv line 1: the model's column "Sex" is not in the header; fix: add it/],
      ['unknown-class', `${csvLine(HEADER)}\n${csvLine(['Adelie', 'Mars', 39.5, '', 190, 3800, 'MALE'])}\n`, /unknown-class\.csv line 2: column "Island" holds "Mars", a class the training split never had; the classes are Biscoe, Dream, Torgersen; fix:/],
      ['short-row', `${csvLine(HEADER)}\n${csvLine(['Adelie', 'Dream', 39.5, '', 190, 3800, 'MALE'])}\n${csvLine(['Adelie', 'Dream', 39.5, 190, 3800, 'MALE'])}\n`, /short-row\.csv line 3: .*expect 7, got 6.*fix: give every row as many fields as the header/],
      ['no-condition', `${csvLine(HEADER)}\n${csvLine(['', 'Dream', 39.5, '', 190, 3800, 'MALE'])}\n`, /no-condition\.csv line 2: condition column "Species" is empty.*fix: give it a value/],
      ['not-a-number', `${csvLine(HEADER)}\n${csvLine(['Adelie', 'Dream', 'long', '', 190, 3800, 'MALE'])}\n`, /not-a-number\.csv line 2: column "Beak Length \(mm\)" is continuous but holds "long"; expected a number/],
    ];
    for (const [name, text, message] of cases) {
      const path = join(dir, `${name}.csv`);
      await writeFile(path, text);
      const result = await impute(['--input', path, '--out', join(dir, 'never.csv')]);
      expect(result.code, name).toBe(1);
      expect(result.stderr.trim(), name).toMatch(message);
      expect(result.stderr, name).not.toMatch(/\n\s+at /); // one line, no stack
    }
  }, 60_000);
});
