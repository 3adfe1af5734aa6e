import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsumerProject, installedCopies, step } from './consumer-project.js';

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

  it('type-checks the consumer program against the published types (tsc, skipLibCheck off)', async () => {
    const { seconds } = await step(join(project, 'node_modules/.bin/tsc'), ['-p', '.'], project);
    console.log(`[consumer] tsc in ${seconds.toFixed(1)} s`);
  });

  it('runs it with node: plain API, DI container and a local dataset plugin each train, sample, save and reload', async () => {
    const { output, seconds } = await step(process.execPath, ['out/main.js'], project);
    console.log(`[consumer] node out/main.js in ${seconds.toFixed(1)} s`);
    for (const line of output.split('\n').filter((l) => l.startsWith('{'))) {
      const parsed = JSON.parse(line) as { step: string };
      lines[parsed.step] = parsed;
    }
    expect(lines.plain).toMatchObject({ backend: 'wasm', epochs: 1, samples: 7840, inUnitRange: true, reloadedSame: true });
    expect(lines.plain.trainLoss).toBeGreaterThan(50);
    expect(lines.plain.testNegElbo).toBeLessThan(550); // an untrained Bernoulli decoder starts at 784 ln 2 = 543 nats
    expect(lines.error).toMatchObject({ isCvaeError: true });
    expect(lines.error.message).toMatch(/"ten" is not a class of "digit"/);
    expect(lines.di).toMatchObject({ samples: 1568, reloadedSame: true });
    expect(Number.isFinite(lines.di.trainLoss)).toBe(true);
    expect(lines.plugin).toMatchObject({ reloadedSame: true, conformance: { train: { examples: 256, complete: true }, test: { examples: 64, complete: true } } });
    expect(lines.plugin.insideMean).toBeGreaterThan((lines.plugin.outsideMean as number) + 0.3);
    expect(lines.done).toBeDefined();
  });
});
