// Browser entry of @cvae/datasets (`@cvae/datasets/browser`): the tabular path from CSV text to
// columns, encoders, batches, synthetic rows and quality scores, with no Node built-ins reachable
// (no files, no downloads, no MNIST readers: those are in the Node entry, `@cvae/datasets`).
export { DatasetError } from './dataset-error.js';

export { TabularAdapter, type TabularAdapterOptions, type TabularLoadInfo } from './tabular/tabular-adapter.js';
export { csvTextRecords, csvTextSource, type CsvTextOptions } from './tabular/csv-text.js';
export type { CsvRecord } from './tabular/csv-errors.js';
export { recordsSource, type RecordSource } from './tabular/record-source.js';
export { fromJsonRecords } from './tabular/json-records.js';
export { KindSniffer, type CellPlace } from './tabular/kind-sniffer.js';
export { ColumnTable, ColumnTableBuilder } from './tabular/column-table.js';
export {
  COLUMN_KINDS,
  inferSchema,
  isNumericKind,
  schemaFromSniffer,
  parseCell,
  type ColumnKind,
  type ColumnSchema,
  type SchemaOverrides,
} from './tabular/schema.js';
export {
  asBoolean,
  asEpochMs,
  cellNumber,
  asNumber,
  isMissing,
  MISSING_TOKENS,
  type RawRecord,
  type RawValue,
  type TabularRecord,
  type TabularValue,
} from './tabular/values.js';
export {
  checkMissingOption,
  DEFAULT_MISSING_POLICY,
  MISSING_CATEGORY,
  MISSING_POLICIES,
  missingPolicyOf,
  type MissingOption,
  type MissingPolicy,
} from './tabular/missing.js';
export { typedRows, type TypedRows } from './tabular/typed-rows.js';
export { splitRows, type SplitIndices } from './tabular/split.js';
export { fitGaussianModes, likeliestMode, mixtureMisfit, type GaussianMode, type GaussianModesOptions } from './tabular/gaussian-modes.js';
export { fitQuantiles, fromNormal, toNormal } from './tabular/quantile-normal.js';
export {
  AUTO_MISFIT,
  AUTO_SKEW,
  decodeCell,
  encodeCell,
  encodingWidth,
  fitColumn,
  isCategoryEncoding,
  modeCount,
  type CategoryEncoding,
  type ColumnEncoding,
  type ContinuousEncoding,
  type NumericEncoding,
} from './tabular/column-encoder.js';
export {
  DEFAULT_SIGMA,
  TabularEncoder,
  type TabularEncoderJson,
  type TabularEncoderOptions,
  type TableRowWriter,
  type SeenCombinations,
} from './tabular/tabular-encoder.js';
export { TABULAR_DEFAULTS, TABULAR_STEPS, TABULAR_STEPS_PER_SLOT, tabularEpochs } from './tabular/tabular-defaults.js';
export { sampleRecords } from './tabular/sample-records.js';
export { csvLines, recordsCsv } from './tabular/records-csv.js';
export { MIN_SYNTHETIC_ROWS, PRIVACY_ROWS, QUALITY_DRAWS, QUALITY_ROWS, tabularSynthesis, type TabularReport } from './tabular/tabular-synthesis.js';
export { SpellingRecorder, spellCell, type ColumnSpelling, type TableSpelling } from './tabular/spelling.js';
export { datetimeFormatOf, formatDatetime, parseIsoDatetime, type DatetimeFormat } from './tabular/datetime-format.js';
export { givenTolerance, honours, parseGiven, type Given, type GivenTarget } from './tabular/given.js';
export { resolveConstraints, type ConstraintAdherence, type ConstraintShares, type ResolvedConstraints, type TabularConstraints } from './tabular/constraints.js';
export { fitConditionRanges, rangesFor, type ConditionRanges } from './tabular/condition-ranges.js';
export { adherenceLine } from './tabular/constraints-report.js';
export { synthesize, type Synthesis, type SynthesisOptions } from './tabular/synthesize.js';
export { DCR_SUBSAMPLES, gowerDistance, privacyReport, type Distance, type PrivacyReport } from './tabular/quality/privacy.js';
export { bootstrapMean, GAP_RESAMPLES, UTILITY_MODELS, UTILITY_ROWS, utilityReport, type UtilityReport, type UtilityScore } from './tabular/quality/utility.js';
export { tabularReportLines } from './tabular/quality/report-lines.js';
export { histogramChartSpec } from './tabular/quality/histogram-chart.js';
export { binOf, correlationSimilarity, ksStatistic, pearson, quantileEdges, tvDistance } from './tabular/quality/metrics.js';
export { independentDraws, resampledRows } from './tabular/quality/baselines.js';
export { qualityScores, type ColumnPairScore, type ColumnShapeScore, type QualityScores } from './tabular/quality/column-scores.js';
export {
  qualityReport,
  type BaselinedScores,
  type QualityGroup,
  type QualityReport,
  type QualityReportOptions,
} from './tabular/quality/quality-report.js';
