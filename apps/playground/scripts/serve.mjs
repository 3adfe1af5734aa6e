// A small static file server for the built playground: 127.0.0.1 only, optional cross-origin
// isolation headers, and extra directories mounted under URL prefixes (e.g. /model/).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ISOLATION_HEADERS } from './isolation-headers.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
};

/**
 * Serves `root` (and each `mounts[prefix]` directory under `prefix`) on http://127.0.0.1:port.
 * @param {{ root: string, mounts?: Record<string, string>, isolate?: boolean, port?: number }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveStatic({ root, mounts = {}, isolate = true, port = 0 }) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const [prefix, dir] = Object.entries(mounts).find(([p]) => path.startsWith(p)) ?? ['/', root];
    const base = resolve(dir);
    let file = normalize(join(base, path.slice(prefix.length)));
    const headers = { 'Cache-Control': 'no-store', ...(isolate ? ISOLATION_HEADERS : {}) };
    try {
      if (file !== base && !file.startsWith(base + sep)) throw new Error('outside the root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      response.end(`not found: ${path}\n`);
    }
  });
  await new Promise((ready) => server.listen(port, '127.0.0.1', ready));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
