// The step benchmark in a dedicated worker: there, unlike on a page's main thread, the wasm
// thread pool's waits can block (Atomics.wait) instead of spinning.
// Vite 8's worker build drops @cvae/core's side-effect import of the gradients (observed: "gradient
// function not found for Add"; the page bundle keeps it), so the worker registers them itself.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { startBackend } from './backends.js';
import { medianStepMs } from './bench.js';

self.onmessage = async (event: MessageEvent<{ threads: number; steps: number }>) => {
  const report = await startBackend('wasm', event.data.threads);
  postMessage({ ...report, msPerStep: medianStepMs(event.data.steps) });
};
