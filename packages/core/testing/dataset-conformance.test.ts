import { describeDatasetAdapter } from './dataset-conformance.js';
import { syntheticDataset } from './synthetic-dataset.js';

// The kit on the reference in-memory dataset (checks that can fail are in dataset-checks.test.ts).
describeDatasetAdapter(() => syntheticDataset());
describeDatasetAdapter(async () => syntheticDataset({ classes: 3, inputSize: 5, trainSize: 1000, testSize: 7 }), { batchSize: 10, maxBatches: 4 });
