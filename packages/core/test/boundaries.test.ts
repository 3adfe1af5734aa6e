import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The package boundaries of docs/architecture.md are lint rules (eslint.config.js); this proves
// the rules fire, so a config change cannot silently switch them off.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('package boundaries', () => {
  it.each([
    ["import { readFile } from 'node:fs/promises';"],
    ["import { join } from 'path';"],
    ["import { wasmBackend } from '@cvae/backend-wasm';"],
    ["import { mnistModule } from '@cvae/datasets';"],
    ["import '@tensorflow/tfjs-backend-cpu';"],
  ])('core may not %s', async (code) => {
    expect(await restrictedImports('packages/core/src/model/probe.ts', `${code}\nexport {};\n`)).toEqual([
      expect.stringMatching(/core is backend-agnostic/),
    ]);
  });

  it('core may import tfjs-core and inversify', async () => {
    expect(await restrictedImports('packages/core/src/model/probe.ts', "import * as tf from '@tensorflow/tfjs-core';\nimport { Container } from 'inversify';\nexport { tf, Container };\n")).toEqual([]);
  });

  it('datasets and backends may not import each other or apps', async () => {
    expect(await restrictedImports('packages/datasets/src/probe.ts', "import { wasmBackend } from '@cvae/backend-wasm';\nexport { wasmBackend };\n")).toHaveLength(1);
    expect(await restrictedImports('packages/backend-wasm/src/probe.ts', "import { mnistModule } from '@cvae/datasets';\nexport { mnistModule };\n")).toHaveLength(1);
    expect(await restrictedImports('packages/backend-node/src/probe.ts', "import '@cvae/cli';\n")).toHaveLength(1);
  });

  it.each([['@cvae/datasets'], ['@cvae/backend-wasm'], ['@cvae/cli'], ['@cvae/core/src/index.js'], ['@tensorflow/tfjs-core'], ['../../cli/src/main.js']])(
    'the sample plugin may not import %s',
    async (specifier) => {
      expect(await restrictedImports('apps/plugin-sample/src/probe.ts', `import * as m from '${specifier}';\nexport { m };\n`)).toEqual([
        expect.stringMatching(/public entries of @cvae\/core only/),
      ]);
    },
  );

  it('the sample plugin may import @cvae/core, @cvae/core/testing and inversify', async () => {
    const code = "import { TOKENS } from '@cvae/core';\nimport { describeDatasetAdapter } from '@cvae/core/testing';\nimport { ContainerModule } from 'inversify';\nexport { TOKENS, describeDatasetAdapter, ContainerModule };\n";
    expect(await restrictedImports('apps/plugin-sample/src/probe.ts', code)).toEqual([]);
  });
});
