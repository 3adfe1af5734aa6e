import { BackendUnavailableError, CvaeError } from '@cvae/core';
import { nodeBackend } from '@cvae/backend-node';
import { wasmBackend } from '@cvae/backend-wasm';
import { DATASET_DESCRIPTORS } from '@cvae/datasets';
import { cpus } from 'node:os';

export interface DoctorCommandOptions {
  readonly json?: boolean;
}

interface BackendReport {
  readonly name: string;
  readonly available: boolean;
  readonly detail: string;
  readonly fix?: string;
}

/** Whether this engine validates a module using a WebAssembly SIMD (v128) instruction. */
function wasmSimd(): boolean {
  // (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt drop i32.const 0 i8x16.splat))
  const bytes = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 15, 1, 13, 0, 65, 0, 253, 15, 253, 98, 26, 65, 0, 253, 15, 11];
  return WebAssembly.validate(new Uint8Array(bytes));
}

async function checkNode(): Promise<BackendReport> {
  try {
    const backend = nodeBackend();
    await backend.init();
    return { name: 'node', available: true, detail: `native TensorFlow through @tensorflow/tfjs-node (${backend.capabilities.threads} threads)` };
  } catch (error) {
    if (!(error instanceof BackendUnavailableError) && !CvaeError.is(error)) throw error;
    const reason = error instanceof BackendUnavailableError ? error.reason : error.detail;
    return { name: 'node', available: false, detail: reason, fix: error.fix };
  }
}

async function checkWasm(): Promise<BackendReport> {
  let fallback: string | undefined;
  const backend = wasmBackend({ onFallback: (reason) => (fallback = reason) });
  try {
    await backend.init();
  } catch (error) {
    if (!CvaeError.is(error)) throw error;
    return { name: 'wasm', available: false, detail: error.detail, fix: error.fix };
  }
  const threads = backend.capabilities.threads;
  const simd = wasmSimd() ? 'SIMD on' : 'no SIMD';
  return { name: 'wasm', available: true, detail: `${threads} thread${threads === 1 ? '' : 's'}, ${simd}${fallback ? ` (threaded build unavailable: ${fallback})` : ''}` };
}

/**
 * `cvae doctor`: which backends load here and why not (with the fix), threads and SIMD, which
 * dataset sources are found and what to install for the missing ones. Downloads nothing.
 *
 * @example
 * ```ts
 * await doctorCommand({ json: false });
 * ```
 */
export async function doctorCommand(options: DoctorCommandOptions): Promise<void> {
  // node first: `auto` prefers it, and tfjs-node must load before another backend is active.
  const backends = [await checkNode(), await checkWasm()];
  const chosen = backends.find((b) => b.available)?.name ?? 'none';
  const datasets = await Promise.all(
    DATASET_DESCRIPTORS.map(async (d) => ({ id: d.id, ...(d.locate ? await d.locate({}) : { found: true, where: 'generated or given by flags' }) })),
  );
  const report = { node: process.version, cores: cpus().length, backends, auto: chosen, datasets };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const lines = [`cvae doctor — node ${process.version}, ${cpus().length} cores`, '', 'backends:'];
  for (const b of backends) {
    lines.push(`  ${b.available ? 'ok     ' : 'missing'} ${b.name}: ${b.detail}`);
    if (b.fix) lines.push(`          fix: ${b.fix}`);
  }
  lines.push(`  --backend auto uses ${chosen} here`, '', 'datasets:');
  for (const d of datasets) {
    lines.push(`  ${d.found ? 'ok     ' : 'missing'} ${d.id}: ${d.where}`);
    if (!d.found && d.fix) lines.push(`          fix: ${d.fix}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
