import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What the native backend runs on. */
export interface NativeInfo {
  /** `TF_Version()` of the loaded library, e.g. `'2.21.0'`. */
  readonly tensorflowVersion: string;
  /** The shared library the binding loaded (symlinks resolved). */
  readonly libraryPath: string;
  /** Where `npm run setup:native` took the library from, if it built this binding. */
  readonly source?: string;
  /** `TF_NUM_INTRAOP_THREADS` / `TF_NUM_INTEROP_THREADS` as TensorFlow read them; undefined = TensorFlow's default. */
  readonly intraOpThreads?: number;
  readonly interOpThreads?: number;
}

const threadsFromEnv = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

/**
 * Reads the TensorFlow version from tfjs-node's binding and the library path from its `deps/`
 * directory (and the record `npm run setup:native` leaves there).
 *
 * @example
 * ```ts
 * const info = nativeInfo(tf.backend()); // after tfjs-node loaded
 * ```
 */
export function nativeInfo(backend: unknown): NativeInfo {
  const binding = (backend as { binding?: { TF_Version?: string } }).binding;
  // tfjs-node's main entry is dist/index.js; deps/ sits beside dist/.
  const packageDir = dirname(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-node')));
  const record = join(packageDir, 'deps', 'cvae-native.json');
  const lib = join(packageDir, 'deps', 'lib', 'libtensorflow.so');
  const setup = existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as { source?: string; how?: string }) : undefined;
  return {
    tensorflowVersion: binding?.TF_Version ?? 'unknown',
    libraryPath: existsSync(lib) ? realpathSync(lib) : lib,
    source: setup ? `${setup.source} (${setup.how})` : undefined,
    intraOpThreads: threadsFromEnv('TF_NUM_INTRAOP_THREADS'),
    interOpThreads: threadsFromEnv('TF_NUM_INTEROP_THREADS'),
  };
}

/** One line for banners: `TensorFlow 2.21.0 (/path/libtensorflow_cc.so.2), intra-op threads 2, inter-op threads default`. */
export function describeNative(info: NativeInfo): string {
  const threads = (n: number | undefined) => (n === undefined ? 'TensorFlow default' : String(n));
  return `TensorFlow ${info.tensorflowVersion} (${info.libraryPath}), intra-op threads ${threads(info.intraOpThreads)}, inter-op threads ${threads(info.interOpThreads)}`;
}
