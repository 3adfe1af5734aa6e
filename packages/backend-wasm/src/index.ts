export { wasmBackend, type WasmBackendOptions } from './wasm-backend.js';
export type { WasmFileName } from './create-wasm-backend.js';
export { wasmBackendModule } from './wasm-backend-module.js';
export { registerThreadedWasm, type RegisterThreadedWasmOptions } from './threaded/load-threaded-wasm.js';
export { HeapAdam } from './optimizer/heap-adam.js';
