import * as tf from '@tensorflow/tfjs-core';
import { wasmBackend } from '@cvae/backend-wasm/browser';
import type { Backend } from '@cvae/core';
import plainWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
// Served verbatim: the thread pool's workers load it (the bundled copy is minified).
import threadedScript from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';

/** Backends the page offers (chosen with `?backend=`). */
export const BACKEND_NAMES = ['wasm', 'webgl'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What the page shows about the backend in use. */
export interface BackendReport {
  readonly name: string;
  readonly threads: number;
  readonly simd: boolean;
  readonly isolated: boolean;
  /** Why fewer threads than asked for run, if so. */
  readonly note?: string;
}

/** The .wasm files, located from the bundle's assets (Vite emits them with hashed names). */
export const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': plainWasm,
  'tfjs-backend-wasm-simd.wasm': simdWasm,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedWasm,
};

/** tfjs's WebGL backend behind core's Backend contract (loaded only when chosen). */
function webglBackend(): Backend {
  return {
    name: 'webgl',
    capabilities: { trainsConv: true, threads: 1 },
    async init() {
      await import('@tensorflow/tfjs-backend-webgl');
      if (!(await tf.setBackend('webgl'))) {
        throw new Error('[cvae] [playground] WebGL is not available in this browser; fix: choose the wasm backend');
      }
    },
  };
}

/**
 * Starts the chosen backend. wasm: SIMD always; threads (default: cores, at most 4) when the page
 * is cross-origin isolated.
 */
export async function startBackend(name: BackendName, threads?: number): Promise<BackendReport> {
  let note: string | undefined;
  const backend = name === 'webgl' ? webglBackend() : wasmBackend({ wasmPaths: WASM_PATHS, threadedScriptUrl: threadedScript, threads, onFallback: (why) => (note = why) });
  await backend.init();
  const simd = name === 'wasm' && (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  return { name: tf.getBackend(), threads: backend.capabilities.threads, simd, isolated: globalThis.crossOriginIsolated === true, note };
}
