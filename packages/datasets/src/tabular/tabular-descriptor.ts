import type { Cvae, DatasetAdapter, DatasetDescriptor, SavedFiles, SynthesizedRecords } from '@cvae/core';
import type { NumericEncoding } from './column-encoder.js';
import { adherenceLine } from './constraints-report.js';
import { givenTolerance, parseGiven } from './given.js';
import { synthesize } from './synthesize.js';
import { DatasetError } from '../dataset-error.js';
import type { MissingOption } from './missing.js';
import { recordsCsv } from './records-csv.js';
import type { SchemaOverrides } from './schema.js';
import { TabularAdapter } from './tabular-adapter.js';
import { TABULAR_DEFAULTS, tabularEpochs } from './tabular-defaults.js';
import { TabularEncoder, type TabularEncoderJson } from './tabular-encoder.js';
import { TABULAR_FLAGS } from './tabular-flags.js';
import { tabularModule } from './tabular-module.js';
import { QUALITY_ROWS, tabularSynthesis } from './tabular-synthesis.js';
import { histogramChartSpec } from './quality/histogram-chart.js';
import { tabularReportLines } from './quality/report-lines.js';
import type { ContinuousEncoding } from './column-encoder.js';

/** The fitted schema + encoders saved beside model.json, so sampling needs no CSV. */
export const TABULAR_ENCODER_FILE = 'tabular.json';

function tabular(adapter: DatasetAdapter): TabularAdapter {
  if (!(adapter instanceof TabularAdapter)) throw new DatasetError('tabular', `expected the tabular adapter, found "${adapter.id}"`);
  return adapter;
}

function encoderFile(files: SavedFiles): TabularEncoder {
  const text = files[TABULAR_ENCODER_FILE];
  if (text === undefined) throw new DatasetError('tabular', `the model folder lacks ${TABULAR_ENCODER_FILE} (the fitted encoder); copy the whole model/ folder`);
  try {
    return TabularEncoder.fromJSON(JSON.parse(text) as TabularEncoderJson);
  } catch (error) {
    throw new DatasetError('tabular', `${TABULAR_ENCODER_FILE} is not a valid encoder file: ${(error as Error).message}`, { cause: error });
  }
}

/** `cvae sample` on a table: constrained rows (and `--given` completion), spelled as the input, with the honour and adherence lines. */
function synthesizedRecords(model: Cvae, encoder: TabularEncoder, conditions: Float32Array, seed: number, givenText?: string): SynthesizedRecords {
  const given = givenText === undefined ? [] : parseGiven(givenText, encoder);
  const result = synthesize(model, encoder, conditions, { seed, given });
  const lines = [adherenceLine(result.adherence)];
  if (given.length > 0) {
    const tolerances = given.map((g) => g.target.kind === 'number' || g.target.kind === 'range' ? `${g.column} ±${givenTolerance(encoder.xColumns.find((e) => e.name === g.column) as NumericEncoding)}` : '').filter(Boolean);
    lines.unshift(
      `[cvae] --given ${givenText}: ${(result.honoured * 100).toFixed(1)}% of rows honour it${tolerances.length > 0 ? ` (numbers within ${tolerances.join(', ')})` : ''}; ` +
        `other columns completed by Metropolis-within-Gibbs (acceptance ${(result.acceptance * 100).toFixed(0)}%)`,
    );
  }
  return { records: encoder.spell(result.records), lines };
}

/** What loading a table did: columns and kinds, rows dropped, identifier columns left out. */
function describeTable(adapter: TabularAdapter): string {
  const { rows, droppedMissing, droppedUnseen, schema, ignored } = adapter.info;
  const kinds = schema.map((c) => `${c.name} (${c.kind})`).join(', ');
  const notes = [
    droppedMissing > 0 && `${droppedMissing} dropped for a missing value (--missing impute|category keeps them)`,
    droppedUnseen > 0 && `${droppedUnseen} test rows dropped for a class the training split lacks`,
    ignored.length > 0 && `left out as identifiers (nearly every value distinct): ${ignored.join(', ')} (--kinds ${ignored[0]}=categorical to model one)`,
  ].filter(Boolean);
  return `[cvae] table: ${rows} rows; columns ${kinds}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
}

/**
 * `tabular`: a CSV file whose condition columns form c. Samples are records (CSV); the fitted
 * encoder is saved beside the model; after training, synthetic rows and a quality report.
 *
 * @example
 * ```ts
 * container.load(tabularDescriptor.module({ csv: 'penguins.csv', condition: 'Species' }));
 * ```
 */
export const tabularDescriptor: DatasetDescriptor = {
  id: 'tabular',
  description: 'a CSV table (--csv FILE --condition COL[,COL]); numbers, categories, booleans, missing values',
  present: 'records',
  flags: TABULAR_FLAGS,
  defaults: TABULAR_DEFAULTS,
  module: (options) => {
    const { csv, condition } = options as { csv?: string; condition?: string };
    if (csv === undefined) throw new DatasetError('tabular', '--dataset tabular needs --csv FILE (a CSV file with a header row)');
    if (condition === undefined) throw new DatasetError('tabular', '--dataset tabular needs --condition COL[,COL] (the columns to condition on)');
    return tabularModule({
      csv,
      condition: condition.split(',').map((c) => c.trim()),
      delimiter: options.delimiter as string | undefined,
      schema: options.kinds as SchemaOverrides | undefined,
      missing: options.missing as MissingOption | undefined,
      continuous: options.continuous as ContinuousEncoding | undefined,
      combinations: options.combinations as string[][] | undefined,
      ...(options.validation !== undefined && { validationFraction: options.validation as number }),
      ...(options.memoryBudget !== undefined && { memoryBudget: (options.memoryBudget as number) * 2 ** 20 }),
    });
  },
  defaultEpochs: tabularEpochs,
  locate: async () => ({ found: true, where: 'your CSV file (--csv FILE)' }),
  describe: (adapter) => [describeTable(tabular(adapter))],
  validation: (adapter) => tabular(adapter).validationView(),
  saveBeside: (adapter) => ({ [TABULAR_ENCODER_FILE]: JSON.stringify(tabular(adapter).encoder) }),
  restore: (files) => {
    const encoder = encoderFile(files);
    return {
      columns: encoder.schema.map((c) => c.name),
      decode: (x, c) => encoder.spell(encoder.decode(x, c)),
      synthesize: (model, conditions, { seed, given }) => synthesizedRecords(model, encoder, conditions, seed, given),
    };
  },
  verify: (adapter, files) => {
    const savedJson = encoderFile(files).toJSON();
    // A model saved before the per-condition-value ranges existed has none: compare the rest.
    const { conditionRanges, ...rest } = tabular(adapter).encoder.toJSON();
    const fresh = savedJson.conditionRanges === undefined ? rest : { ...rest, conditionRanges };
    if (JSON.stringify(fresh) !== JSON.stringify(savedJson)) {
      throw new DatasetError('tabular', `the table read now encodes differently from the one the model was trained on (its ${TABULAR_ENCODER_FILE} differs): the CSV or its options changed; pass the training CSV with --csv`);
    }
  },
  report: (model, adapter, seed) => {
    const source = tabular(adapter);
    const { synthetic, report } = tabularSynthesis(model, source, seed);
    const lines = tabularReportLines(report);
    const real = source.subset('test', QUALITY_ROWS, seed).rows;
    return {
      charts: { 'histograms.png': histogramChartSpec(real, synthetic, source.encoder.schema) },
      files: { 'samples.csv': recordsCsv(source.encoder.spell(synthetic), source.encoder.schema.map((c) => c.name)), 'quality.json': `${JSON.stringify(report, null, 2)}\n` },
      lines,
    };
  },
};
