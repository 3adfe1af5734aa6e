import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsumerProject, installedCopies, step } from './consumer-project.js';
import { bundleScripts, chromiumMissing, runPage, tfjsCoreCopies } from './consumer-page.js';

const missingChromium = chromiumMissing();
if (missingChromium !== undefined) {
  console.warn(`[consumer] skipping the page run: ${missingChromium}`);
  if (process.env.CVAE_REQUIRE_ALL === '1') throw new Error(`[cvae] [consumer] CVAE_REQUIRE_ALL=1 but ${missingChromium}`);
}

let root = '';
let project = '';
const lines: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  const created = await createConsumerProject();
  root = created.root;
  project = join(root, 'project');
  console.log(`[consumer] packed in ${created.packSeconds.toFixed(1)} s, installed in ${created.installSeconds.toFixed(1)} s: ${project}`);
});

afterAll(() => {
  if (root && !process.env.CVAE_KEEP_CONSUMER) rmSync(root, { recursive: true, force: true });
});

describe('a consumer project outside the workspace, installed from packed tarballs', () => {
  it('holds exactly one copy of tfjs-core, inversify and @cvae/core', () => {
    for (const name of ['@tensorflow/tfjs-core', 'inversify', '@cvae/core']) {
      expect(installedCopies(project, name), name).toHaveLength(1);
    }
  });

  it('type-checks the consumer program against the published types (tsc, skipLibCheck off), for Node and for the page', async () => {
    const { seconds } = await step(join(project, 'node_modules/.bin/tsc'), ['-p', '.'], project);
    const web = await step(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.web.json'], project);
    console.log(`[consumer] tsc in ${seconds.toFixed(1)} s (Node), ${web.seconds.toFixed(1)} s (page)`);
  });

  it('runs it with node: plain API, DI container and a local dataset plugin each train, sample, save and reload', async () => {
    const { output, seconds } = await step(process.execPath, ['out/main.js'], project);
    console.log(`[consumer] node out/main.js in ${seconds.toFixed(1)} s`);
    for (const line of output.split('\n').filter((l) => l.startsWith('{'))) {
      const parsed = JSON.parse(line) as { step: string };
      lines[parsed.step] = parsed;
    }
    expect(lines.plain).toMatchObject({ backend: 'wasm', epochs: 1, steps: 4, samples: 7840, finite: true, inUnitRange: true, reloadedSame: true });
    expect(lines.plain.trainLoss).toBeGreaterThan(50);
    expect(lines.plain.testNegElbo).toBeLessThan(550); // an untrained Bernoulli decoder starts at 784 ln 2 = 543 nats
    expect(lines.plain.error).toMatchObject({ thrown: true, isCvaeError: true, message: expect.stringMatching(/"ten" is not a class of "digit"/) });
    expect(lines.di).toMatchObject({ samples: 1568, finite: true, reloadedSame: true });
    expect(Number.isFinite(lines.di.trainLoss)).toBe(true);
    expect(lines.plugin).toMatchObject({ reloadedSame: true, conformance: { train: { examples: 256, complete: true }, test: { examples: 64, complete: true } } });
    expect(lines.plugin.insideMean).toBeGreaterThan((lines.plugin.outsideMean as number) + 0.3);
    expect(lines.done).toBeDefined();
  });

  describe.skipIf(missingChromium !== undefined)('the same program in headless Chromium, bundled by Vite from the tarballs', () => {
    const dist = () => join(project, 'dist-web');

    it('bundles (vite build in the consumer project) with exactly one copy of tfjs-core and no Node built-ins', async () => {
      const { seconds } = await step(join(project, 'node_modules/.bin/vite'), ['build', '--config', 'vite.config.mjs'], project);
      const scripts = bundleScripts(dist());
      console.log(`[consumer] vite build in ${seconds.toFixed(1)} s: ${scripts.map((s) => s.name).join(', ')}`);
      expect(tfjsCoreCopies(scripts)).toBe(1);
      for (const { name, text } of scripts) expect(text, name).not.toMatch(/["']node:(fs|os|path|module|crypto|worker_threads)["']/);
    });

    it('trains a few steps in the isolated page on 2 wasm threads, samples finite values, saves and reloads', async () => {
      const run = await runPage(dist(), '?threads=2');
      console.log(`[consumer] page ran in ${run.seconds.toFixed(1)} s: ${JSON.stringify(run.result ?? run.error)}`);
      expect(run.error).toBeUndefined();
      expect(run.consoleErrors).toEqual([]);
      const result = run.result!;
      expect(result).toMatchObject({ isolated: true, threads: 2, numTensors: 0 });
      // BlobsAdapter: 256 training images in batches of 32 → 8 steps.
      expect(result.plain).toMatchObject({ backend: 'wasm', epochs: 1, steps: 8, samples: 640, finite: true, inUnitRange: true, reloadedSame: true });
      expect(result.plain).toMatchObject({ error: { thrown: true, isCvaeError: true } });
      expect(result.di).toMatchObject({ samples: 128, finite: true, reloadedSame: true });
    });
  });
});
