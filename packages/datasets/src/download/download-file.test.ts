import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveBytes, startTestServer, type TestRoute, type TestServer } from '../../test/http-test-server.js';
import { downloadFile, DownloadError, type DownloadProgress } from './download-file.js';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

/** 300 kB of pseudo-random bytes (xorshift32): several chunks on the wire, incompressible. */
const CONTENT = (() => {
  const bytes = new Uint8Array(300_000);
  let state = 2463534242;
  for (let i = 0; i < bytes.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state >>> 24;
  }
  return bytes;
})();
const GZIPPED = new Uint8Array(gzipSync(CONTENT));

/** Answers with `body` in `pieces` writes spaced by a few milliseconds, so the client sees several chunks. */
function serveInPieces(body: Uint8Array, pieces: number): TestRoute {
  return (_request, response) => {
    response.writeHead(200, { 'Content-Length': body.length });
    const size = Math.ceil(body.length / pieces);
    let at = 0;
    const next = (): void => {
      if (at >= body.length) {
        response.end();
        return;
      }
      response.write(body.subarray(at, at + size));
      at += size;
      setTimeout(next, 5);
    };
    next();
  };
}
/** Every test passes a short inactivity timeout, so none can hang for the default 60 s. */
const TIMEOUT_MS = 5_000;

async function downloadError(promise: Promise<unknown>): Promise<DownloadError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DownloadError);
  return error as DownloadError;
}

describe('downloadFile', () => {
  let server: TestServer;
  let dir: string;
  let destination: string;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvae-download-'));
    destination = join(dir, 'file.gz');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores the file, verifies the md5 of the gunzipped content and reports monotonic progress', async () => {
    expect(GZIPPED.length).toBeGreaterThan(CONTENT.length); // random data: gzip cannot shrink it
    server.route('/ok.gz', serveInPieces(GZIPPED, 6));
    const progress: DownloadProgress[] = [];
    const result = await downloadFile(`${server.baseUrl}ok.gz`, destination, {
      expectedMd5Uncompressed: md5(CONTENT),
      gunzipForCheck: true,
      onProgress: (p) => progress.push(p),
      timeoutMs: TIMEOUT_MS,
    });
    expect(result).toEqual({ path: destination, bytes: GZIPPED.length, md5: md5(CONTENT) });
    expect(new Uint8Array(await readFile(destination))).toEqual(GZIPPED);
    expect(await readdir(dir)).toEqual(['file.gz']); // no .part file left
    expect(progress.length).toBeGreaterThanOrEqual(3); // the start and several chunks
    expect(progress[0]).toEqual({ bytes: 0, total: GZIPPED.length });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].bytes).toBeGreaterThanOrEqual(progress[i - 1].bytes);
      expect(progress[i].total).toBe(GZIPPED.length);
    }
    expect(progress.at(-1)).toEqual({ bytes: GZIPPED.length, total: GZIPPED.length });
  });

  it('hashes the raw body when gunzipForCheck is off, and creates the destination directory', async () => {
    server.route('/raw', serveBytes(CONTENT));
    const nested = join(dir, 'a', 'b', 'raw');
    const result = await downloadFile(`${server.baseUrl}raw`, nested, {
      expectedMd5Uncompressed: md5(CONTENT),
      timeoutMs: TIMEOUT_MS,
    });
    expect(result.md5).toBe(md5(CONTENT));
    expect(md5(await readFile(nested))).toBe(md5(CONTENT));
  });

  it('refuses a truncated response, naming expected and received bytes, and leaves nothing behind', async () => {
    const sent = GZIPPED.subarray(0, 100_000);
    const announced = GZIPPED.length;
    server.route('/cut.gz', (_request, response) => {
      response.writeHead(200, { 'Content-Length': announced });
      response.write(sent, () => response.socket?.destroy());
    });
    const url = `${server.baseUrl}cut.gz`;
    const error = await downloadError(
      downloadFile(url, destination, { expectedMd5Uncompressed: md5(CONTENT), gunzipForCheck: true, timeoutMs: TIMEOUT_MS }),
    );
    expect(error.message.startsWith(`[cvae] [download] ${url}: truncated: expected ${announced} bytes, received `)).toBe(true);
    const received = Number(/received (\d+)/.exec(error.message)?.[1]);
    expect(received).toBeLessThanOrEqual(sent.length);
    expect(received).toBeGreaterThan(0);
    expect(error.message).toMatch(/retry/);
    expect(error.url).toBe(url);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a body whose bytes were changed (md5 mismatch), leaving nothing behind', async () => {
    const corrupted = CONTENT.slice();
    corrupted[12_345] ^= 0xff;
    server.route('/changed', serveBytes(corrupted));
    const error = await downloadError(
      downloadFile(`${server.baseUrl}changed`, destination, { expectedMd5Uncompressed: md5(CONTENT), timeoutMs: TIMEOUT_MS }),
    );
    expect(error.message).toContain(`md5 mismatch: expected ${md5(CONTENT)}, got ${md5(corrupted)}`);
    expect(error.message).toMatch(/corrupt/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a gzip body with changed bytes, leaving nothing behind', async () => {
    const corrupted = GZIPPED.slice();
    corrupted[GZIPPED.length >> 1] ^= 0xff;
    server.route('/changed.gz', serveBytes(corrupted));
    const error = await downloadError(
      downloadFile(`${server.baseUrl}changed.gz`, destination, {
        expectedMd5Uncompressed: md5(CONTENT),
        gunzipForCheck: true,
        timeoutMs: TIMEOUT_MS,
      }),
    );
    // Depending on where the flip lands, zlib rejects the stream or it inflates to other bytes.
    expect(error.message).toMatch(/not valid gzip data|md5 mismatch/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('names the HTTP status of a 404 and leaves nothing behind', async () => {
    const url = `${server.baseUrl}missing.gz`;
    const error = await downloadError(downloadFile(url, destination, { timeoutMs: TIMEOUT_MS }));
    expect(error.message).toMatch(new RegExp(`^\\[cvae\\] \\[download\\] ${url}: HTTP 404 Not Found; .*check the URL`));
    expect(await readdir(dir)).toEqual([]);
  });

  it('names a server error status', async () => {
    server.route('/boom', (_request, response) => {
      response.writeHead(503);
      response.end();
    });
    const error = await downloadError(downloadFile(`${server.baseUrl}boom`, destination, { timeoutMs: TIMEOUT_MS }));
    expect(error.message).toMatch(/HTTP 503 Service Unavailable; the server failed/);
  });

  it('does not clobber an existing file when a download fails', async () => {
    await writeFile(destination, 'previous good copy');
    const corrupted = CONTENT.slice();
    corrupted[0] ^= 1;
    server.route('/bad', serveBytes(corrupted));
    await downloadError(
      downloadFile(`${server.baseUrl}bad`, destination, { expectedMd5Uncompressed: md5(CONTENT), timeoutMs: TIMEOUT_MS }),
    );
    await downloadError(downloadFile(`${server.baseUrl}nothing-here`, destination, { timeoutMs: TIMEOUT_MS }));
    expect(await readFile(destination, 'utf8')).toBe('previous good copy');
    expect(await readdir(dir)).toEqual(['file.gz']);
  });

  it('replaces an existing file once a download succeeds', async () => {
    await writeFile(destination, 'stale');
    server.route('/fresh', serveBytes(CONTENT));
    await downloadFile(`${server.baseUrl}fresh`, destination, { timeoutMs: TIMEOUT_MS });
    expect(md5(await readFile(destination))).toBe(md5(CONTENT));
  });

  it('gives up on a stalled server after timeoutMs without data', async () => {
    server.route('/stall', (_request, response) => {
      response.writeHead(200, { 'Content-Length': CONTENT.length });
      response.write(CONTENT.subarray(0, 1000)); // then nothing, connection kept open
    });
    const started = Date.now();
    const error = await downloadError(downloadFile(`${server.baseUrl}stall`, destination, { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(error.message).toMatch(/no data received for 300 ms after \d+ bytes/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('times out a server that never answers', async () => {
    server.route('/silent', () => undefined);
    const error = await downloadError(downloadFile(`${server.baseUrl}silent`, destination, { timeoutMs: 300 }));
    expect(error.message).toMatch(/no data received for 300 ms after 0 bytes/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('stops when the caller aborts, leaving nothing behind', async () => {
    server.route('/slow', (_request, response) => {
      response.writeHead(200, { 'Content-Length': CONTENT.length });
      response.write(CONTENT.subarray(0, 1000));
    });
    const controller = new AbortController();
    const promise = downloadFile(`${server.baseUrl}slow`, destination, {
      signal: controller.signal,
      timeoutMs: TIMEOUT_MS,
      onProgress: ({ bytes }) => {
        if (bytes > 0) controller.abort(new Error('user pressed ctrl-c'));
      },
    });
    const error = await downloadError(promise);
    expect(error.message).toMatch(/aborted \(user pressed ctrl-c\)/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('explains a refused connection', async () => {
    const closed = await startTestServer();
    const url = closed.baseUrl;
    await closed.close();
    const error = await downloadError(downloadFile(`${url}x`, destination, { timeoutMs: TIMEOUT_MS }));
    expect(error.message).toMatch(/request failed after 0 bytes: .*check the network connection/);
    expect(await readdir(dir)).toEqual([]);
  });
});
