// @cvae/core/testing: kits that backend and dataset packages run in their own test suites.
export { describeBackendConformance, type BackendConformanceOptions } from './backend-conformance.js';
export { referenceElbo } from './reference-elbo.js';
export { syntheticDataset, type SyntheticDatasetOptions } from './synthetic-dataset.js';
