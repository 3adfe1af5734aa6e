import { latentLeakage, measureControl, trainDatasetClassifier, type Cvae, type DatasetAdapter } from '@cvae/core';

/** Settings of `cvae eval --control`. */
export interface ControlSettings {
  readonly perClass: number;
  readonly classifierEpochs: number;
  readonly seed: number;
}

/**
 * The `control` part of `cvae eval --control`: trains the reading classifier (MLP x-256-classes,
 * ReLU, Adam 1e-3, batch 128) on the real training split, measures its real test accuracy, the
 * share of samples read as their requested class (means of p(x|z,c), and draws x ~ p(x|z,c)),
 * and the leakage of c into z (linear probe on posterior means).
 *
 * @example
 * ```ts
 * const report = await controlReport(model, mnist, { perClass: 1000, classifierEpochs: 5, seed: 0 });
 * ```
 */
export async function controlReport(model: Cvae, dataset: DatasetAdapter, settings: ControlSettings) {
  const started = performance.now();
  const hidden = [256];
  const { classifier, testAccuracy } = await trainDatasetClassifier(dataset, { hidden, epochs: settings.classifierEpochs, seed: settings.seed });
  try {
    const mean = measureControl(model, classifier, { perClass: settings.perClass, seed: settings.seed, draw: 'mean' });
    const sample = measureControl(model, classifier, { perClass: settings.perClass, seed: settings.seed, draw: 'sample' });
    const leakage = await latentLeakage(model, dataset, { seed: settings.seed });
    return {
      classifier: { architecture: `mlp ${[classifier.config.inputSize * (classifier.config.vocabularySize ?? 1), ...hidden, dataset.spec.condition.size].join('-')}${classifier.config.vocabularySize === undefined ? '' : ' (tokens one-hot per position)'}`, epochs: settings.classifierEpochs, realTestAccuracy: testAccuracy },
      perClass: settings.perClass,
      accuracy: mean.accuracy,
      relative: mean.accuracy / testAccuracy,
      perClassAccuracy: mean.perClass,
      sampledAccuracy: sample.accuracy,
      sampledRelative: sample.accuracy / testAccuracy,
      leakage,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    classifier.dispose();
  }
}
