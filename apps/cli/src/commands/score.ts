import { exampleScores } from '@cvae/core';
import * as tf from '@tensorflow/tfjs-core';
import { createWriteStream } from 'node:fs';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { reopenDataset } from '../compose/dataset-door.js';

export interface ScoreCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly k: number;
  readonly split: 'train' | 'test';
  readonly seed: number;
  readonly json?: boolean;
}

/**
 * `cvae score`: per-example -ELBO and IWAE -log p(x|c) (nats) of a split of the model's dataset
 * (`--data-dir` / `--csv` point it at other files of the same kind), streamed to a CSV in batches,
 * so a large file runs in bounded memory. High scores are the unlikely examples.
 *
 * @example
 * ```ts
 * await scoreCommand({ model: 'runs/x/model', backend: 'auto', out: 'scores.csv', k: 100, split: 'test', seed: 0 });
 * ```
 */
export async function scoreCommand(options: ScoreCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { dataset } = await reopenDataset(manifest, options.model, options);
    const out = createWriteStream(options.out);
    out.write('index,neg_elbo,nll\n');
    let index = 0;
    let total = 0;
    let worst = { index: -1, nll: -Infinity };
    for await (const batch of dataset.batches(options.split, 200, { shuffle: false })) {
      const x = tf.tensor2d(batch.x, [batch.size, model.config.inputSize]);
      const c = tf.tensor2d(batch.c, [batch.size, model.config.conditionSize]);
      const scores = exampleScores(model, x, c, { k: options.k, seed: options.seed + index });
      tf.dispose([x, c]);
      for (let r = 0; r < batch.size; r++, index++) {
        out.write(`${index},${scores.negElbo[r].toFixed(3)},${scores.nll[r].toFixed(3)}\n`);
        total += scores.nll[r];
        if (scores.nll[r] > worst.nll) worst = { index, nll: scores.nll[r] };
      }
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const summary = { split: options.split, examples: index, k: options.k, meanNll: total / index, highest: worst, out: options.out };
    if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(`[cvae] scored ${index} ${options.split} examples (IWAE k = ${options.k}): mean -log p(x|c) ${summary.meanNll.toFixed(2)} nats; highest #${worst.index} (${worst.nll.toFixed(2)}); wrote ${options.out}\n`);
  });
}
