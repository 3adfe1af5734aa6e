import { logClassPosterior, logLikelihoodPerCondition, oneHot } from '@cvae/core';
import * as tf from '@tensorflow/tfjs-core';
import { createWriteStream } from 'node:fs';
import { logClassPrior } from '../compose/class-prior.js';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { reopenDataset } from '../compose/dataset-door.js';
import { UsageError } from '../usage-error.js';

export interface ClassifyCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly k: number;
  readonly split: 'train' | 'test';
  readonly flags: number;
  readonly seed: number;
  readonly json?: boolean;
  readonly testSize?: number;
}

/**
 * `cvae classify`: generative classification, p(c|x) ∝ p(x|c) p(c) with p(x|c) estimated by IWAE
 * for every class and p(c) from the training frequencies. Writes the posterior per example as
 * CSV, prints the accuracy against the given labels, and flags the examples whose given label is
 * least probable (label-noise detection).
 *
 * @example
 * ```ts
 * await classifyCommand({ model: 'runs/x/model', backend: 'auto', out: 'posterior.csv', k: 20, split: 'test', flags: 20, seed: 0 });
 * ```
 */
export async function classifyCommand(options: ClassifyCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const spec = manifest.dataset?.spec.condition;
    if (spec?.kind !== 'one-hot') throw new UsageError('cvae classify needs a model conditioned on one class label (a one-hot condition)');
    const { dataset } = await reopenDataset(manifest, options.model, options);
    const classes = spec.size;
    const names = spec.classNames;
    const logPrior = await logClassPrior(dataset, classes);
    const out = createWriteStream(options.out);
    out.write(`index,label,predicted,p_label,${names.map((n) => `p_${n}`).join(',')}\n`);
    const everyClass = oneHot(Array.from({ length: classes }, (_, i) => i), classes);
    const scored: { index: number; label: number; predicted: number; pLabel: number; logPLabel: number }[] = [];
    let index = 0;
    for await (const batch of dataset.batches(options.split, 100, { shuffle: false })) {
      const x = tf.tensor2d(batch.x, [batch.size, model.config.inputSize]);
      const logLik = logLikelihoodPerCondition(model, x, everyClass, { k: options.k, seed: options.seed + index });
      x.dispose();
      // Flags rank by log p(label|x): the posterior itself underflows to 0 for the clearest cases,
      // which would tie exactly the rows most worth flagging.
      const logPosterior = logClassPosterior(logLik, classes, logPrior);
      const posterior = Float32Array.from(logPosterior, Math.exp);
      for (let r = 0; r < batch.size; r++, index++) {
        const p = Array.from(posterior.subarray(r * classes, (r + 1) * classes));
        const label = batch.c.subarray(r * classes, (r + 1) * classes).indexOf(1);
        const predicted = p.indexOf(Math.max(...p));
        const logPLabel = logPosterior[r * classes + label];
        scored.push({ index, label, predicted, pLabel: p[label], logPLabel });
        out.write(`${index},${names[label]},${names[predicted]},${p[label].toPrecision(4)},${p.map((v) => v.toPrecision(4)).join(',')}\n`);
      }
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const accuracy = scored.filter((s) => s.predicted === s.label).length / scored.length;
    const flagged = [...scored].sort((a, b) => a.logPLabel - b.logPLabel).slice(0, options.flags);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ split: options.split, examples: scored.length, k: options.k, accuracy, flags: flagged.map((f) => ({ ...f, label: names[f.label], predicted: names[f.predicted] })) })}\n`);
      return;
    }
    process.stdout.write(`[cvae] generative classification of ${scored.length} ${options.split} examples (IWAE k = ${options.k}): accuracy ${(accuracy * 100).toFixed(2)}%\n`);
    process.stdout.write(`[cvae] least probable given labels (possible label noise): ${flagged.slice(0, 10).map((f) => `#${f.index} "${names[f.label]}" (p ${f.pLabel.toPrecision(2)}, looks like ${names[f.predicted]})`).join(', ')}\n`);
    process.stdout.write(`[cvae] wrote ${options.out}\n`);
  });
}
