import { describeBackendConformance } from '@cvae/core/testing';
import { wasmBackend } from './wasm-backend.js';

describeBackendConformance(() => wasmBackend());
