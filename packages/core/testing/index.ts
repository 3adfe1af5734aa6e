// @cvae/core/testing: kits that backend and dataset packages run in their own test suites.
export { describeBackendConformance, type BackendConformanceOptions } from './backend-conformance.js';
export { describeDatasetAdapter, testDatasetAdapter, type DatasetConformanceOptions } from './dataset-conformance.js';
export {
  checkBatch,
  checkDatasetAdapter,
  checkLoad,
  checkNoTensorLeak,
  checkOversizedBatch,
  checkSeededShuffle,
  checkSizes,
  checkSpec,
  checkSplitBatches,
  checkStableTestOrder,
  DatasetConformanceError,
  type DatasetCheckOptions,
  type DatasetCheckReport,
  type SplitReport,
} from './dataset-checks.js';
export { referenceElbo } from './reference-elbo.js';
export { syntheticDataset, type SyntheticDatasetOptions } from './synthetic-dataset.js';
export { checkLearningRateChange, checkOptimizerState, type LearningRateReport, type OptimizerStateReport } from './optimizer-state-check.js';
export { RESUME_CHECK_OPTIONS, trainForResumeCheck, type TrainerRun } from './trainer-resume-check.js';
export { describeBadInputs, expectRefusal, type BadInputCase } from './bad-input.js';
