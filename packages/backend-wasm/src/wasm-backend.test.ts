import { describeBackendConformance } from '@cvae/core/testing';
import { wasmBackend } from './wasm-backend.js';

// The single-threaded SIMD build (browsers, and Node with threads: 1).
describeBackendConformance(() => wasmBackend({ threads: 1 }));
