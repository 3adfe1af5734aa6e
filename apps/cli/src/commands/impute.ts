import { completeMissing, type Cvae } from '@cvae/core';
import { csvLines, csvRecords, IncompleteRows, TABULAR_ENCODER_FILE, TabularEncoder, type IncompleteRow } from '@cvae/datasets';
import { createWriteStream, type WriteStream } from 'node:fs';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { datasetOfModel, readSavedFiles } from '../compose/dataset-door.js';
import { UsageError } from '../usage-error.js';

export interface ImputeCommandOptions extends SavedModelOptions {
  readonly input: string;
  readonly out: string;
  readonly draws: number;
  readonly iterations: number;
  readonly seed: number;
  readonly delimiter?: string;
  readonly json?: boolean;
}

/** Rows completed together: one Metropolis-within-Gibbs run per batch and draw. */
const BATCH_ROWS = 256;

/** Columns that lead each row when there are several draws, as R's mice writes `complete(imp, "long")`. */
const LONG_COLUMNS = ['.imp', '.id'];

interface Pending {
  readonly record: Record<string, string>;
  readonly row: IncompleteRow;
  /** 1-based data row of the input (line numbers can differ when a cell holds a newline). */
  readonly id: number;
}

/**
 * `cvae impute`: fills the empty cells of a CSV with the training columns from
 * p(x_missing | x_observed, c) of a tabular model (core's `completeMissing`, Metropolis-within-Gibbs
 * of Mattei & Frellsen 2018). `--draws 1` writes the input's columns with the cells filled;
 * `--draws N` writes multiple imputations in R mice's long layout: `.imp` (1..N) and `.id` (the
 * input's data row, 1-based) before the input's columns, the N draws of a row next to each other.
 * Streams the input in batches of rows. A row whose every non-condition cell is empty is filled
 * too: with nothing observed the chain samples p(x | c), the right conditional.
 *
 * @example
 * ```ts
 * await imputeCommand({ model: 'runs/penguins/model', backend: 'auto', input: 'gaps.csv', out: 'filled.csv', draws: 5, iterations: 200, seed: 0 });
 * ```
 */
export async function imputeCommand(options: ImputeCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { source } = await datasetOfModel(manifest, options.model);
    if (source.descriptor !== 'tabular') throw new UsageError(`cvae impute fills tables; this model's dataset is ${source.descriptor} (cvae inpaint completes images)`);
    const files = await readSavedFiles(source, options.model);
    const encoder = TabularEncoder.fromJSON(JSON.parse(files[TABULAR_ENCODER_FILE] ?? 'null'));
    const delimiter = options.delimiter ?? (source.options.delimiter as string | undefined);
    const out = createWriteStream(options.out);
    let rows: IncompleteRows | undefined;
    let pending: Pending[] = [];
    const totals = { rows: 0, filledCells: 0, rowsWithGaps: 0, acceptance: 0, runs: 0, batch: 0 };
    const flush = async () => {
      if (pending.length === 0 || rows === undefined) return;
      const acceptance = await completeBatch(model, rows, pending, options, totals.batch++, out);
      if (acceptance !== undefined) {
        totals.acceptance += acceptance * options.draws;
        totals.runs += options.draws;
      }
      pending = [];
    };
    try {
      for await (const { record, line } of csvRecords(options.input, { delimiter })) {
        if (rows === undefined) {
          rows = new IncompleteRows(encoder, Object.keys(record), options.input);
          out.write(csvLines([], [...(options.draws > 1 ? LONG_COLUMNS : []), ...rows.header]));
        }
        const row = rows.encode(record, `${options.input} line ${line}`);
        totals.rows++;
        totals.filledCells += row.missing.length;
        if (row.missing.length > 0) totals.rowsWithGaps++;
        pending.push({ record, row, id: totals.rows });
        if (pending.length === BATCH_ROWS) await flush();
      }
      await flush();
    } finally {
      await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    }
    if (rows === undefined) throw new UsageError(`${options.input}: no data rows`, { fix: 'give a header line and at least one row' });
    const summary = { input: options.input, out: options.out, rows: totals.rows, rowsWithGaps: totals.rowsWithGaps, filledCells: totals.filledCells, draws: options.draws, iterations: options.iterations, acceptance: totals.acceptance / Math.max(1, totals.runs) };
    if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      const layout = options.draws > 1 ? ` (${options.draws} draws per row, long layout: .imp, .id, then the columns)` : '';
      process.stdout.write(`[cvae] filled ${summary.filledCells} empty cells in ${summary.rowsWithGaps} of ${summary.rows} rows (Metropolis-within-Gibbs, ${options.iterations} sweeps, acceptance ${(summary.acceptance * 100).toFixed(0)}%); wrote ${options.out}${layout}\n`);
    }
  });
}

/** Completes one batch `draws` times (independent chains) and writes its rows; returns the mean acceptance (none when nothing was missing). */
async function completeBatch(model: Cvae, rows: IncompleteRows, pending: readonly Pending[], options: ImputeCommandOptions, batch: number, out: WriteStream): Promise<number | undefined> {
  const join = (pick: (p: Pending) => Float32Array) => {
    const size = pick(pending[0]).length;
    const all = new Float32Array(pending.length * size);
    pending.forEach((p, i) => all.set(pick(p), i * size));
    return all;
  };
  const [x, observed, c] = [join((p) => p.row.x), join((p) => p.row.observed), join((p) => p.row.c)];
  const needed = pending.some((p) => p.row.missing.length > 0);
  const xSize = rows.encoder.xSize;
  const done = Array.from({ length: options.draws }, (_, d) =>
    needed ? completeMissing(model, x, observed, c, { iterations: options.iterations, seed: options.seed * 1_000_000 + batch * 1000 + d }) : { draws: x, means: x, acceptance: 0 },
  );
  const lines: string[][] = [];
  pending.forEach((p, i) => {
    for (let d = 0; d < options.draws; d++) {
      const slice = (values: Float32Array) => values.subarray(i * xSize, (i + 1) * xSize);
      const cells = rows.complete(p.record, slice(done[d].draws), slice(done[d].means));
      lines.push(options.draws > 1 ? [String(d + 1), String(p.id), ...cells] : cells);
    }
  });
  if (!out.write(csvLines(lines))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  return needed ? done.reduce((s, r) => s + r.acceptance, 0) / done.length : undefined;
}
