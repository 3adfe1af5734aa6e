// Public entry of @cvae/datasets (Node): explicit named exports only, so the API surface is reviewed here and
// in browser.ts, whose browser-safe tabular path this entry re-exports whole.
export * from './browser.js';
// The Node TabularAdapter (it also reads `csv` file paths) takes the place of the browser entry's.
export { TabularAdapter, type TabularAdapterOptions, type TabularLoadInfo } from './tabular/tabular-file-adapter.js';

export { IdxFormatError } from './idx/idx-format-error.js';
export { parseIdx, type IdxTensor, type ParseIdxOptions } from './idx/parse-idx.js';
export { gunzipIfNeeded, MAX_IDX_BYTES, readIdxFile, type IdxFile } from './idx/read-idx-file.js';
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
export { TABULAR_FLAGS, parseAssignments, parseCombinations, parseMissing } from './tabular/tabular-flags.js';

export { csvRecords, csvSource, readCsvRecords, type ReadCsvOptions } from './tabular/read-csv.js';
export { tabularModule } from './tabular/tabular-module.js';
export { IncompleteRows, type IncompleteRow } from './tabular/incomplete-rows.js';
export { readImageInput, type ImageInput, type ReadImageInputOptions } from './idx/image-input.js';
export { namesDescriptor, spamAssassinDescriptor, textDescriptor, TEXT_DEFAULTS, TEXT_VOCABULARY_FILE } from './text/text-descriptor.js';
export { TEXT_FLAGS, MAX_LENGTH_FLAG, VOCABULARY_FLAG } from './text/text-flags.js';
export { TextAdapter, DEFAULT_MAX_LENGTH, type TextAdapterOptions, type TextLoadInfo } from './text/text-adapter.js';
export { readTextFile, decodeUtf8, firstInvalidUtf8, type LabelledTexts, type ReadTextOptions } from './text/read-text.js';
export { readNames, namesFile, NAMES_PACKAGES } from './text/names.js';
export {
  readSpamAssassin,
  spamAssassinSubjects,
  subjectOf,
  decodeEncodedWords,
  spamAssassinPackage,
  SPAM_ASSASSIN_PACKAGE,
  SPAM_ASSASSIN_VERSION,
  type SpamAssassinMessage,
  type SubjectCounts,
} from './text/spam-assassin.js';
export { SPECIAL_TOKENS, tokenize, Vocabulary, type TokenUnit, type VocabularyJson } from './text/vocabulary.js';
