import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const assets = join(import.meta.dirname, '..', 'dist', 'assets');
/** The page's scripts; `workers` adds the benchmark worker's bundle (its own realm, its own tfjs). */
const scripts = (workers = false) =>
  readdirSync(assets)
    .filter((name) => name.endsWith('.js') && (workers || !name.startsWith('bench-worker-')))
    .map((name) => readFileSync(join(assets, name), 'utf8'));

describe('the browser bundle (dist/, built by `nx build @cvae/playground`)', () => {
  it('exists', () => {
    expect(existsSync(assets), `${assets} is missing; fix: npx nx run @cvae/playground:build`).toBe(true);
  });

  it("holds exactly one copy of tfjs-core in the page's scripts (one engine, one kernel registry)", () => {
    // A message of tfjs-core's engine (engine.ts registerBackend), present once per copy.
    const copies = scripts().reduce((n, text) => n + text.split('backend was already registered').length - 1, 0);
    expect(copies).toBe(1);
  });

  it("reaches none of the Node-only code (backend-wasm's Node thread loader, node: built-ins)", () => {
    for (const text of scripts(true)) {
      expect(text).not.toMatch(/cvae-wasm-threads|["']node:(fs|os|path|module|crypto|worker_threads)/);
    }
  });

  it('ships the three .wasm builds as assets', () => {
    const names = readdirSync(assets);
    for (const build of ['tfjs-backend-wasm-', 'tfjs-backend-wasm-simd-', 'tfjs-backend-wasm-threaded-simd-']) {
      expect(names.some((name) => name.startsWith(build) && name.endsWith('.wasm')), build).toBe(true);
    }
  });
});
