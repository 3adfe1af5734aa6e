import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request; `undefined` routes answer 404. */
export type TestRoute = (request: IncomingMessage, response: ServerResponse) => void;

/** A local HTTP server for download tests. */
export interface TestServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly baseUrl: string;
  /** Paths requested so far, in order, e.g. `['/a.gz']`. */
  readonly requests: string[];
  /** Replaces or adds the route of `path`. */
  route(path: string, handler: TestRoute | undefined): void;
  /** Stops the server, dropping open (even stalled) connections. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on 127.0.0.1 at a random free port, serving `routes` by exact path;
 * anything else gets a 404.
 *
 * @example
 * ```ts
 * const server = await startTestServer({ '/x': (_, res) => res.end('hi') });
 * await fetch(`${server.baseUrl}x`); // 'hi'
 * await server.close();
 * ```
 */
export async function startTestServer(routes: Record<string, TestRoute> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    const handler = table.get(path);
    if (handler) {
      handler(request, response);
    } else {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    requests,
    route(path, handler) {
      if (handler) table.set(path, handler);
      else table.delete(path);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A route answering 200 with `body` and its Content-Length. */
export function serveBytes(body: Uint8Array): TestRoute {
  return (_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length });
    response.end(body);
  };
}
