// Public entry of @cvae/datasets: explicit named exports only, so the API surface is reviewed here.
export { DatasetError } from './dataset-error.js';

export { IdxFormatError } from './idx/idx-format-error.js';
export { parseIdx, type IdxTensor, type ParseIdxOptions } from './idx/parse-idx.js';
export { gunzipIfNeeded, readIdxFile, type IdxFile } from './idx/read-idx-file.js';
export { locateIdxFile } from './idx/locate-idx-file.js';
export {
  readLabelledImages,
  type ExpectedIdxFile,
  type LabelledImages,
  type ReadLabelledImagesOptions,
} from './idx/labelled-images.js';
export { binariseAll, binariseInto, PIXEL_PROBABILITY } from './idx/binarise.js';
export { imageBatches, type ImageBatchesSource } from './idx/image-batches.js';
export {
  IdxClassificationAdapter,
  type IdxClassificationConfig,
  type IdxClassificationOptions,
  type IdxFileRole,
} from './idx/idx-classification.js';

export { MNIST_FILE_NAMES, MNIST_FIX, MNIST_MD5, locateMnistFiles, resolveMnistDir } from './mnist/mnist-files.js';
export {
  MNIST_SPEC,
  MNIST_TEST_BINARISATION_SEED,
  MnistAdapter,
  type MnistAdapterOptions,
} from './mnist/mnist-adapter.js';
export { mnistModule } from './mnist/mnist-module.js';

export {
  DEFAULT_DOWNLOAD_TIMEOUT_MS,
  downloadFile,
  DownloadError,
  type DownloadFileOptions,
  type DownloadProgress,
  type DownloadResult,
} from './download/download-file.js';

export {
  defaultFashionMnistCacheDir,
  FASHION_MNIST_BASE_URL,
  FASHION_MNIST_CLASS_NAMES,
  FASHION_MNIST_DEBIAN_DIR,
  FASHION_MNIST_FILE_NAMES,
  FASHION_MNIST_FIX,
  FASHION_MNIST_MD5,
  resolveFashionMnistFiles,
  type FashionMnistDownloadProgress,
  type ResolvedFashionMnistFiles,
  type ResolveFashionMnistOptions,
} from './fashion-mnist/fashion-mnist-files.js';
export {
  FASHION_MNIST_SPEC,
  FASHION_MNIST_TEST_BINARISATION_SEED,
  FashionMnistAdapter,
  type FashionMnistAdapterOptions,
} from './fashion-mnist/fashion-mnist-adapter.js';
export { fashionMnistModule } from './fashion-mnist/fashion-mnist-module.js';

export {
  createDataset,
  DATASET_DESCRIPTORS,
  DATASET_NAMES,
  datasetDescriptor,
  datasetModule,
  isDatasetName,
  type DatasetModuleOptions,
} from './registry.js';
export { fashionMnistDescriptor, mnistDescriptor } from './image-descriptors.js';
export { tabularDescriptor, TABULAR_ENCODER_FILE } from './tabular/tabular-descriptor.js';
export { TABULAR_FLAGS, parseAssignments, parseMissing } from './tabular/tabular-flags.js';
export { TABULAR_DEFAULTS, TABULAR_STEPS, tabularEpochs } from './tabular/tabular-defaults.js';
export { MIN_SYNTHETIC_ROWS, QUALITY_ROWS, tabularSynthesis } from './tabular/tabular-synthesis.js';
export { recordsCsv } from './tabular/records-csv.js';

export { csvRecords, readCsvRecords, type CsvRecord, type ReadCsvOptions } from './tabular/read-csv.js';
export { csvSource, recordsSource, type RecordSource } from './tabular/record-source.js';
export { KindSniffer, type CellPlace } from './tabular/kind-sniffer.js';
export { ColumnTable, ColumnTableBuilder } from './tabular/column-table.js';
export { fitGaussianModes, likeliestMode, type GaussianMode, type GaussianModesOptions } from './tabular/gaussian-modes.js';
export { fromJsonRecords } from './tabular/json-records.js';
export {
  asBoolean,
  asEpochMs,
  asNumber,
  isMissing,
  MISSING_TOKENS,
  type RawRecord,
  type RawValue,
  type TabularRecord,
  type TabularValue,
} from './tabular/values.js';
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
export {
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
} from './tabular/tabular-encoder.js';
export { TabularAdapter, type TabularAdapterOptions, type TabularLoadInfo } from './tabular/tabular-adapter.js';
export { tabularModule } from './tabular/tabular-module.js';
export { sampleRecords } from './tabular/sample-records.js';
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
export { namesDescriptor, textDescriptor, TEXT_DEFAULTS, TEXT_VOCABULARY_FILE } from './text/text-descriptor.js';
export { TEXT_FLAGS, MAX_LENGTH_FLAG } from './text/text-flags.js';
export { TextAdapter, DEFAULT_MAX_LENGTH, type TextAdapterOptions, type TextLoadInfo } from './text/text-adapter.js';
export { readTextFile, decodeUtf8, firstInvalidUtf8, type LabelledTexts, type ReadTextOptions } from './text/read-text.js';
export { readNames, namesFile, NAMES_PACKAGES } from './text/names.js';
export { SPECIAL_TOKENS, tokenize, Vocabulary, type TokenUnit, type VocabularyJson } from './text/vocabulary.js';
