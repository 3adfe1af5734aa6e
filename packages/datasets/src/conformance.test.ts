import { describeDatasetAdapter } from '@cvae/core/testing';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { FASHION_MNIST_DEBIAN_DIR } from './fashion-mnist/fashion-mnist-files.js';
import { FashionMnistAdapter } from './fashion-mnist/fashion-mnist-adapter.js';
import { MnistAdapter } from './mnist/mnist-adapter.js';

// The built-in adapters pass the same kit that plugin authors run (docs/dataset-plugins.md).
describeDatasetAdapter(() => new MnistAdapter({ trainSize: 2000, testSize: 500 }));

if (existsSync(FASHION_MNIST_DEBIAN_DIR)) {
  describeDatasetAdapter(() => new FashionMnistAdapter({ trainSize: 2000, testSize: 500, download: false, cacheDir: join(tmpdir(), 'cvae-unused-cache') }));
} else {
  const reason = `${FASHION_MNIST_DEBIAN_DIR} is missing: install dataset-fashion-mnist to run the Fashion-MNIST conformance kit`;
  it('Fashion-MNIST passes the dataset conformance kit', (context) => {
    if (process.env.CVAE_REQUIRE_ALL === '1') throw new Error(`CVAE_REQUIRE_ALL=1: ${reason}`);
    console.warn(`skipped: ${reason}`);
    context.skip(reason);
  });
}
