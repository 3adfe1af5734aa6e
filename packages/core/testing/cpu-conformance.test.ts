import '@tensorflow/tfjs-backend-cpu';
import { cpuBackend } from '../src/index.js';
import { describeBackendConformance } from './backend-conformance.js';

describeBackendConformance(() => cpuBackend());
