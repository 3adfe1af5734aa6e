import { defineConfig } from 'vite';
import { ISOLATION_HEADERS } from './scripts/isolation-headers.mjs';

// The page is served cross-origin isolated (COOP + COEP), which wasm threads need.
export default defineConfig({
  base: './',
  server: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, reportCompressedSize: false },
  // The benchmark worker loads the backend lazily (code splitting): ES module workers.
  worker: { format: 'es' },
  // tfjs-backend-wasm locates its .wasm files through our `wasmPaths`; keep it out of dev pre-bundling.
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
});
