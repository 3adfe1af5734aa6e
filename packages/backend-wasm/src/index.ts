export { wasmBackend, type WasmBackendOptions } from './wasm-backend.js';
export { wasmBackendModule } from './wasm-backend-module.js';
