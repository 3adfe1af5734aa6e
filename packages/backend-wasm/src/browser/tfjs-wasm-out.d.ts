// Types for the parts of tfjs-backend-wasm's emscripten output that ship without declarations.
declare module '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.worker.js' {
  /** The pthread worker script, as a string (tfjs turns it into a Blob URL). */
  export const wasmWorkerContents: string;
}
