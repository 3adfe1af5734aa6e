import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { CvaeError } from '@cvae/core';

/** Default of {@link DownloadFileOptions.timeoutMs}: give up after 60 s without receiving data. */
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 60_000;

/**
 * A failed download. The message starts with `[cvae] [download] <url>: ` and says what went
 * wrong and how to fix it; no file is left at the destination (nor any temporary file).
 *
 * @example
 * ```ts
 * throw new DownloadError('http://host/x.gz', 'HTTP 404 Not Found; check the URL');
 * // Error: [cvae] [download] http://host/x.gz: HTTP 404 Not Found; check the URL
 * ```
 */
export class DownloadError extends CvaeError {
  /** The URL that could not be downloaded. */
  readonly url: string;

  constructor(url: string, message: string, options?: { cause?: unknown }) {
    super('download', `${url}: ${message}`, { cause: options?.cause });
    this.name = 'DownloadError';
    this.url = url;
  }
}

/** Progress of one download: bytes received so far, and the total when the server sent Content-Length. */
export interface DownloadProgress {
  readonly bytes: number;
  readonly total?: number;
}

/** Options of {@link downloadFile}: checksum, timeout, progress. */
export interface DownloadFileOptions {
  /** Hex md5 the content must have, after gunzipping when {@link gunzipForCheck} is set. No check when omitted. */
  readonly expectedMd5Uncompressed?: string;
  /** The body is gzip data: hash its uncompressed bytes (a corrupt gzip stream is an error). Default false. */
  readonly gunzipForCheck?: boolean;
  /** Called with monotonically growing byte counts: once when the response starts, then after every chunk. */
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** Aborts the download; the temporary file is removed. */
  readonly signal?: AbortSignal;
  /** `fetch` to use (default: the global one). */
  readonly fetchImpl?: typeof fetch;
  /** Abort when no data arrives for this many milliseconds (default {@link DEFAULT_DOWNLOAD_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/** What {@link downloadFile} stored. */
export interface DownloadResult {
  /** The final path (the `destination` argument). */
  readonly path: string;
  /** Bytes written to disk (the body as received). */
  readonly bytes: number;
  /** Hex md5 of the checked content (uncompressed when `gunzipForCheck`). */
  readonly md5: string;
}

const RETRY = 'retry the download; if it keeps failing, fetch the file by other means';

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
  return `${cause.message}${inner}`;
}

/** A Node file-system error (it carries a `syscall` such as `open` or `mkdir`); network errors of fetch do not. */
function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string' && 'path' in error;
}

/**
 * Downloads `url` to `destination` safely: the body streams into a temporary file beside the
 * destination (`<destination>.part-<pid>-<random>`), its length is checked against
 * Content-Length and its md5 against `expectedMd5Uncompressed`, and only then is it renamed into
 * place, atomically. On any failure (HTTP status, network error, truncated or corrupt body,
 * checksum mismatch, abort, timeout) the temporary file is removed and `destination` is left as
 * it was: a previous file there is not clobbered.
 *
 * @throws DownloadError saying what went wrong (status, byte counts, checksums) and the fix
 *
 * @example
 * ```ts
 * await downloadFile(
 *   'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz',
 *   '/home/me/.cache/cvae/fashion-mnist/t10k-labels-idx1-ubyte.gz',
 *   { expectedMd5Uncompressed: '15d484375f8d13e6eb1aabb0c3f46965', gunzipForCheck: true },
 * );
 * ```
 */
export async function downloadFile(
  url: string,
  destination: string,
  options: DownloadFileOptions = {},
): Promise<DownloadResult> {
  const { signal, onProgress } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new DownloadError(url, `timeoutMs must be a positive number, got ${timeoutMs}`);
  const fetchImpl = options.fetchImpl ?? globalThis.fetch;

  if (signal?.aborted) throw new DownloadError(url, `aborted (${describe(signal.reason)})`, { cause: signal.reason });

  // One controller for the request: the caller's signal and the inactivity timer both abort it.
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const armTimer = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no data for ${timeoutMs} ms`));
    }, timeoutMs);
  };
  const onCallerAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onCallerAbort, { once: true });

  const part = `${destination}.part-${process.pid}-${randomBytes(6).toString('hex')}`;
  let handle: FileHandle | undefined;
  let received = 0;
  let total: number | undefined;

  /** Turns whatever was thrown into a DownloadError that says what happened. */
  const explain = (error: unknown): DownloadError => {
    if (error instanceof DownloadError) return error;
    if (timedOut) {
      return new DownloadError(
        url,
        `no data received for ${timeoutMs} ms after ${received} bytes; the server or network stalled; ` +
          `check the network connection and ${RETRY}`,
        { cause: error },
      );
    }
    if (signal?.aborted) return new DownloadError(url, `aborted (${describe(signal.reason)})`, { cause: signal.reason });
    if (isFileSystemError(error)) {
      return new DownloadError(
        url,
        `cannot write beside ${destination}: ${error.message}; make the directory writable or choose another one`,
        { cause: error },
      );
    }
    if (total !== undefined && received < total) {
      return new DownloadError(
        url,
        `truncated: expected ${total} bytes, received ${received} (${describe(error)}); the connection ` +
          `closed early; ${RETRY}`,
        { cause: error },
      );
    }
    return new DownloadError(
      url,
      `request failed after ${received} bytes: ${describe(error)}; check the network connection ` +
        `(and proxy settings) and ${RETRY}`,
      { cause: error },
    );
  };

  try {
    armTimer();
    const response = await fetchImpl(url, { signal: controller.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      const fix =
        response.status === 404 || response.status === 410
          ? 'the file is not at this URL; check the URL (or the base URL option)'
          : response.status >= 500
            ? `the server failed; ${RETRY} later`
            : 'the server refused the request; check the URL and any proxy';
      throw new DownloadError(url, `HTTP ${response.status} ${response.statusText}`.trimEnd() + `; ${fix}`);
    }
    // Content-Length counts the encoded bytes; with a Content-Encoding, fetch hands us decoded ones.
    const encoding = response.headers.get('content-encoding');
    const length = response.headers.get('content-length');
    if (length !== null && (encoding === null || encoding === 'identity') && /^\d+$/.test(length)) {
      total = Number(length);
    }

    await mkdir(dirname(destination), { recursive: true });
    handle = await open(part, 'wx');
    const rawHash = options.gunzipForCheck ? undefined : createHash('md5');
    onProgress?.({ bytes: 0, total });
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        armTimer();
        await handle.write(value);
        rawHash?.update(value);
        received += value.length;
        if (total !== undefined && received > total) {
          throw new DownloadError(
            url,
            `received more than the ${total} bytes announced by Content-Length; the response is corrupt; ${RETRY}`,
          );
        }
        onProgress?.({ bytes: received, total });
      }
    }
    clearTimeout(timer);
    await handle.close();
    handle = undefined;
    if (total !== undefined && received !== total) {
      throw new DownloadError(url, `truncated: expected ${total} bytes, received ${received}; ${RETRY}`);
    }

    let md5: string;
    if (rawHash) {
      md5 = rawHash.digest('hex');
    } else {
      const hash = createHash('md5');
      try {
        await pipeline(createReadStream(part), createGunzip(), async (source: AsyncIterable<Buffer>) => {
          for await (const chunk of source) hash.update(chunk);
        });
      } catch (cause) {
        throw new DownloadError(
          url,
          `corrupt: the ${received} bytes received are not valid gzip data (${describe(cause)}); ${RETRY}`,
          { cause },
        );
      }
      md5 = hash.digest('hex');
    }
    const expected = options.expectedMd5Uncompressed;
    if (expected !== undefined && md5 !== expected.toLowerCase()) {
      throw new DownloadError(
        url,
        `md5 mismatch: expected ${expected}, got ${md5}` +
          `${options.gunzipForCheck ? ' (of the uncompressed content)' : ''}; the download is corrupt or not ` +
          `the expected file; ${RETRY}`,
      );
    }
    signal?.throwIfAborted();
    await rename(part, destination);
    return { path: destination, bytes: received, md5 };
  } catch (error) {
    clearTimeout(timer);
    await handle?.close().catch(() => undefined);
    await rm(part, { force: true }).catch(() => undefined);
    throw explain(error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}
