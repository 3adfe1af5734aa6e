/**
 * One Adam step as a tiny WebAssembly SIMD function over the wasm backend's own memory:
 * `adam(w, g, m, v, out, n, stepSize, k, a1, a2, eps)` with byte offsets into the heap and
 * `n` a multiple of 4. Same maths as core's `adamStep`, in float32 four lanes at a time:
 * m += a1 (g - m); v += a2 (g^2 - v); out = w - stepSize m / (sqrt(v) k + eps).
 * tfjs-backend-wasm has no fused Adam kernel and its binary cannot be extended, so the function
 * is assembled here (under 200 bytes) and imports the backend's memory instead.
 */
export type AdamKernel = (w: number, g: number, m: number, v: number, out: number, n: number, stepSize: number, k: number, a1: number, a2: number, eps: number) => void;

// Parameters 0-10 as in AdamKernel; locals: i32 byte index and end, then v128 values.
const [W, G, M, V, OUT, N, STEP, K, A1, A2, EPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [I, END, vSTEP, vK, vA1, vA2, vEPS, vG, vM, vV] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

const get = (i: number) => [0x20, i];
const set = (i: number) => [0x21, i];
const tee = (i: number) => [0x22, i];
const simd = (op: number) => [0xfd, ...uleb(op)];
const load = (base: number) => [...get(base), ...get(I), 0x6a, ...simd(0x00), 4, 0]; // v128.load (base + i)
const address = (base: number) => [...get(base), ...get(I), 0x6a];
const store = [...simd(0x0b), 4, 0];
const [add, sub, mul, div, sqrt] = [0xe4, 0xe5, 0xe6, 0xe7, 0xe3].map(simd);
const splat = (from: number, to: number) => [...get(from), ...simd(0x13), ...set(to)];

const body = [
  ...splat(STEP, vSTEP), ...splat(K, vK), ...splat(A1, vA1), ...splat(A2, vA2), ...splat(EPS, vEPS),
  ...get(N), 0x41, 2, 0x74, ...set(END), // end = n << 2 (bytes)
  0x02, 0x40, 0x03, 0x40, // block, loop
  ...get(I), ...get(END), 0x4f, 0x0d, 1, // if (i >= end) break
  ...load(G), ...set(vG),
  ...address(M), ...load(M), ...tee(vM), ...get(vA1), ...get(vG), ...get(vM), ...sub, ...mul, ...add, ...tee(vM), ...store,
  ...address(V), ...load(V), ...tee(vV), ...get(vA2), ...get(vG), ...get(vG), ...mul, ...get(vV), ...sub, ...mul, ...add, ...tee(vV), ...store,
  ...address(OUT), ...load(W), ...get(vSTEP), ...get(vM), ...mul, ...get(vV), ...sqrt, ...get(vK), ...mul, ...get(vEPS), ...add, ...div, ...sub, ...store,
  ...get(I), 0x41, 16, 0x6a, ...set(I), 0x0c, 0, // i += 16; continue
  0x0b, 0x0b, 0x0b, // end loop, end block, end function
];

/** The module's bytes; `shared` must match the memory it will import (threaded builds share it). */
function moduleBytes(shared: boolean): Uint8Array<ArrayBuffer> {
  const type = [1, 0x60, 11, I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, 0];
  // A shared memory import must declare a maximum: 65536 pages, the 32-bit limit, accepts any.
  const limits = shared ? [0x03, 0, ...uleb(65536)] : [0x00, 0];
  const imports = [1, ...name('env'), ...name('memory'), 0x02, ...limits];
  const code = [1, ...vector([2, 2, I32, 8, V128, ...body])];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, type), ...section(2, imports), ...section(3, [1, 0]), ...section(7, [1, ...name('adam'), 0x00, 0]), ...section(10, code),
  ]);
}

/**
 * Instantiates the kernel over `memory`, or returns undefined where this engine lacks wasm SIMD
 * (callers then fall back to `adamStep` in JavaScript).
 *
 * @example
 * ```ts
 * const adam = adamKernel(backend.wasm.wasmMemory);
 * adam?.(wPtr, gPtr, mPtr, vPtr, outPtr, 1024, stepSize, k, 0.1, 0.001, 1e-7);
 * ```
 */
export function adamKernel(memory: WebAssembly.Memory): AdamKernel | undefined {
  const bytes = moduleBytes(typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer);
  if (!WebAssembly.validate(bytes)) return undefined;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return instance.exports['adam'] as AdamKernel;
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function vector(content: number[]): number[] {
  return [...uleb(content.length), ...content];
}

function name(text: string): number[] {
  return vector([...text].map((ch) => ch.charCodeAt(0)));
}

function section(id: number, content: number[]): number[] {
  return [id, ...vector(content)];
}
