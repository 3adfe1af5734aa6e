/**
 * Hex SHA-256 of bytes, with WebCrypto (available in browsers and in Node >= 19 as globalThis.crypto).
 *
 * @example
 * ```ts
 * await sha256Hex(new Uint8Array([1, 2, 3]));
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
