/**
 * Builds an unsigned-byte IDX file in memory (0, 0, type, ndims, big-endian dims, data),
 * so parser tests can state exactly which byte is wrong.
 *
 * @example
 * ```ts
 * idxBytes([2], [7, 3]); // Uint8Array [0, 0, 8, 1, 0, 0, 0, 2, 7, 3]
 * ```
 */
export function idxBytes(dims: number[], data: ArrayLike<number>, type = 0x08): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(bytes.buffer);
  bytes[2] = type;
  bytes[3] = dims.length;
  dims.forEach((dim, i) => view.setUint32(4 + 4 * i, dim, false));
  bytes.set(Array.from(data), 4 + 4 * dims.length);
  return bytes;
}
