// Browser entry of @cvae/backend-wasm: no Node built-ins are reachable from here.
export { wasmBackend, type BrowserWasmBackendOptions } from './wasm-backend.js';
export { wasmBackendModule } from './wasm-backend-module.js';
export { registerThreadedWasm, missingPageFeature, type RegisterThreadedWasmInPageOptions } from './register-threaded-wasm.js';
export type { WasmFileName } from '../create-wasm-backend.js';
export { HeapAdam } from '../optimizer/heap-adam.js';
