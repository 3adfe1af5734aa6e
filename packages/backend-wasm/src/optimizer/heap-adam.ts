import * as tf from '@tensorflow/tfjs-core';
import { adamStep, type AdamSettings, type GradientOptimizer, type OptimizerState } from '@cvae/core';
import { adamKernel, type AdamKernel } from './adam-kernel.js';
import { CvaeError } from '@cvae/core';

/** The part of tfjs's `BackendWasm` this optimiser uses (see tfjs-backend-wasm/dist/backend_wasm.js). */
interface HeapBackend {
  readonly wasm: {
    readonly HEAPU8: Uint8Array;
    /** The memory: exported as `wasmMemory` by the threaded build, `asm.memory` by the others. */
    readonly wasmMemory?: WebAssembly.Memory;
    readonly asm?: { readonly memory?: WebAssembly.Memory };
    _malloc(bytes: number): number;
    _free(offset: number): void;
  } | null;
  readonly dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

/**
 * Adam on the wasm backend as one SIMD pass per variable (`adamKernel`) over the wasm heap:
 * weights and gradients are read where the backend keeps them, the new weights are written
 * straight into a fresh tensor's memory, and the moments live in the heap too. No copies, and
 * one call instead of tfjs's ~14 kernel launches per variable (slow in the threaded build,
 * where each is a round trip through the thread pool). Same maths as core's `adamStep`.
 *
 * The new weights go to a new tensor, never into the variable's own memory: the wasm backend
 * caches XNNPACK operators with packed weights per tensor, and would keep using stale weights.
 *
 * @example
 * ```ts
 * const adam = new HeapAdam({ learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
 * const { grads } = tf.variableGrads(loss, vars);
 * adam.apply(vars, grads);
 * adam.dispose(); // frees the moments
 * ```
 */
export class HeapAdam implements GradientOptimizer {
  /** Heap offset of each variable's moments: m, then v, `size` floats each. */
  private readonly moments = new Map<string, number>();
  /** Floats per moment of each variable (the heap holds no lengths). */
  private readonly sizes = new Map<string, number>();
  private backend: HeapBackend | undefined;
  private kernel: AdamKernel | undefined;
  private step = 0;

  constructor(private settings: Required<AdamSettings>) {}

  setLearningRate(rate: number): void {
    this.settings = { ...this.settings, learningRate: rate };
  }

  apply(variables: readonly tf.Variable[], grads: tf.NamedTensorMap): void {
    const backend = this.heapBackend();
    const { learningRate, beta1, beta2, epsilon } = this.settings;
    this.step++;
    const stepSize = learningRate / (1 - beta1 ** this.step);
    const k = 1 / Math.sqrt(1 - beta2 ** this.step);
    for (const variable of variables) {
      const gradient = grads[variable.name];
      if (gradient === undefined) continue;
      const { size } = variable;
      const moments = this.momentsOf(backend, variable.name, size);
      const info = backend.makeOutput(variable.shape.slice(), 'float32');
      const [w, g, out] = [variable.dataId, gradient.dataId, info.dataId].map((id) => offsetOf(backend, id));
      // The kernel takes whole SIMD vectors; the few values left over (and engines without wasm
      // SIMD) go through adamStep on views taken now, after the allocation may have grown the heap.
      const vectorised = this.kernel === undefined ? 0 : size & ~3;
      if (vectorised > 0) this.kernel?.(w, g, moments, moments + 4 * size, out, vectorised, stepSize, k, 1 - beta1, 1 - beta2, epsilon);
      if (vectorised < size) {
        const view = (offset: number) => new Float32Array(memoryOf(backend).buffer, offset, size).subarray(vectorised);
        adamStep(view(w), view(g), { m: view(moments), v: view(moments + 4 * size) }, this.settings, this.step, view(out));
      }
      const next = tf.engine().makeTensorFromTensorInfo(info);
      variable.assign(next);
      next.dispose();
    }
  }

  getState(): OptimizerState {
    const moments = [...this.moments].map(([name, offset]) => {
      const size = this.sizes.get(name) ?? 0;
      // slice() copies out of the heap: the views would change with the next step (or a heap growth).
      const view = new Float32Array(memoryOf(this.backend!).buffer, offset, 2 * size);
      return { name, m: view.slice(0, size), v: view.slice(size) };
    });
    return { step: this.step, moments };
  }

  setState(state: OptimizerState): void {
    const backend = this.heapBackend();
    this.freeMoments();
    for (const { name, m, v } of state.moments) {
      if (m.length !== v.length) throw new CvaeError('backend wasm', `the saved moments of "${name}" have different lengths (${m.length} and ${v.length})`);
      const offset = this.momentsOf(backend, name, m.length);
      // A fresh view after the allocation, which may have grown (and so replaced) the heap's buffer.
      const view = new Float32Array(memoryOf(backend).buffer, offset, 2 * m.length);
      view.set(m, 0);
      view.set(v, m.length);
    }
    this.step = state.step;
  }

  dispose(): void {
    this.freeMoments();
  }

  private freeMoments(): void {
    // Freed only while the backend that holds them lives (tf.removeBackend drops the whole heap).
    if (this.backend?.wasm != null && tf.findBackend('wasm') === (this.backend as unknown)) {
      for (const offset of this.moments.values()) this.backend.wasm._free(offset);
    }
    this.moments.clear();
    this.sizes.clear();
  }

  private heapBackend(): HeapBackend {
    const backend = tf.backend() as unknown as HeapBackend;
    if (this.backend === undefined) {
      if (tf.getBackend() !== 'wasm') throw new CvaeError('backend wasm', `HeapAdam runs on the wasm backend, but the active backend is "${tf.getBackend()}"; use core's createAdam instead`);
      this.backend = backend;
      this.kernel = adamKernel(memoryOf(backend));
    } else if (backend !== this.backend) {
      throw new CvaeError('backend wasm', 'the wasm backend changed under HeapAdam (its moments live in the old heap); create a new optimiser after switching backends');
    }
    return backend;
  }

  private momentsOf(backend: HeapBackend, name: string, size: number): number {
    let offset = this.moments.get(name);
    if (offset === undefined) {
      offset = backend.wasm!._malloc(8 * size) >>> 0;
      new Float32Array(memoryOf(backend).buffer, offset, 2 * size).fill(0);
      this.moments.set(name, offset);
      this.sizes.set(name, size);
    }
    return offset;
  }
}

function memoryOf(backend: HeapBackend): WebAssembly.Memory {
  const memory = backend.wasm?.wasmMemory ?? backend.wasm?.asm?.memory;
  if (memory === undefined) throw new CvaeError('backend wasm', 'this tfjs-backend-wasm build exposes no WebAssembly.Memory (neither wasmMemory nor asm.memory)');
  return memory;
}

function offsetOf(backend: HeapBackend, dataId: tf.DataId): number {
  const data = backend.dataIdMap.get(dataId);
  if (data === undefined) throw new CvaeError('backend wasm', 'HeapAdam got a tensor that does not live on the wasm backend');
  return data.memoryOffset;
}
