import { complexityCorrectedScore, exampleScores, logLikelihoodPerCondition, marginalLogLikelihood, oneHot, type Cvae } from '@cvae/core';
import { readImageInput } from '@cvae/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { createWriteStream } from 'node:fs';
import { logClassPrior } from '../compose/class-prior.js';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { reopenDataset } from '../compose/dataset-door.js';
import { pngBits } from '../density/complexity-bits.js';
import { tileShape } from '../output/image-rows.js';
import { UsageError } from '../usage-error.js';

export interface ScoreCommandOptions extends SavedModelOptions {
  readonly out: string;
  readonly k: number;
  readonly split: 'train' | 'test';
  readonly seed: number;
  readonly json?: boolean;
  readonly testSize?: number;
  /** An IDX image file to score instead of a split (e.g. another dataset, for OOD). */
  readonly input?: string;
  /** Its IDX label file; without it the images are scored by their marginal density only. */
  readonly labels?: string;
  /** Add the out-of-distribution columns (marginal density over classes, input complexity, corrected score). */
  readonly ood?: boolean;
}

/** Rows scored together. */
const BATCH = 200;

interface Rows {
  readonly x: Float32Array;
  /** One-hot conditions, when the examples have them. */
  readonly c?: Float32Array;
  readonly size: number;
}

/** The OOD columns of a batch: -log p(x) over the classes, the best class, L(x) and S(x). */
interface OodColumns {
  readonly marginal: Float64Array;
  readonly best: { nll: number; index: number }[];
  readonly bits: number[];
  readonly corrected: Float64Array;
}

/**
 * `cvae score`: per-example -ELBO and IWAE -log p(x|c) (nats) of a split of the model's dataset
 * (`--data-dir` / `--csv` point it at other files of the same kind) or of an IDX image file
 * (`--input`, `--labels`), streamed to a CSV in batches, so a large file runs in bounded memory.
 * High scores are the unlikely examples. With `--ood` (implied by `--input` without labels), an
 * image model conditioned on a class also gets -log p(x) = -log Σ_c p(c) p(x|c), the best class,
 * L(x) (PNG bits) and the input-complexity score S(x) = -log2 p(x) - L(x) of Serrà et al. 2020,
 * the score that separates out-of-distribution inputs where raw likelihood does not.
 *
 * @example
 * ```ts
 * await scoreCommand({ model: 'runs/x/model', backend: 'auto', out: 'scores.csv', k: 100, split: 'test', seed: 0 });
 * ```
 */
export async function scoreCommand(options: ScoreCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { dataset, source } = await reopenDataset(manifest, options.model, options.input === undefined ? options : { ...options, testSize: undefined });
    const images = source.present === 'image-grid';
    const condition = manifest.dataset?.spec.condition;
    const classes = condition?.kind === 'one-hot' ? condition.size : undefined;
    if (options.input !== undefined && !images) throw new UsageError('--input takes IDX images; to score another table pass it with --csv FILE');
    if (options.labels !== undefined && options.input === undefined) throw new UsageError('--labels goes with --input (the labels of those images)');
    const ood = options.ood === true || (options.input !== undefined && options.labels === undefined);
    if (ood && (!images || classes === undefined)) throw new UsageError('the OOD scores need an image model conditioned on one class label (mnist, fashion-mnist)');
    const shape = tileShape(manifest.dataset?.spec.input.shape, model.config.inputSize);
    const logPrior = ood ? await logClassPrior(dataset, classes!) : [];
    const rows = options.input === undefined ? splitRows(dataset.batches(options.split, BATCH, { shuffle: false })) : inputRows(options, shape, classes);
    const out = createWriteStream(options.out);
    let header = false;
    let index = 0;
    const totals = { nll: 0, marginal: 0, corrected: 0 };
    let worst = { index: -1, score: -Infinity };
    for await (const batch of rows) {
      const x = tf.tensor2d(batch.x, [batch.size, model.config.inputSize]);
      const seed = options.seed + index;
      const scores = batch.c === undefined ? undefined : givenConditionScores(model, x, batch.c, options.k, seed);
      const extra = ood ? oodColumns(model, x, batch.x, shape, classes!, logPrior, options.k, seed) : undefined;
      x.dispose();
      if (!header) {
        out.write(`${['index', ...(scores ? ['neg_elbo', 'nll'] : []), ...(extra ? ['nll_marginal', 'nll_best', 'best_class', 'complexity_bits', 'corrected_bits'] : [])].join(',')}\n`);
        header = true;
      }
      for (let r = 0; r < batch.size; r++, index++) {
        const cells = [String(index)];
        if (scores) cells.push(scores.negElbo[r].toFixed(3), scores.nll[r].toFixed(3));
        if (extra) cells.push(extra.marginal[r].toFixed(3), extra.best[r].nll.toFixed(3), condition?.classNames[extra.best[r].index] ?? String(extra.best[r].index), String(extra.bits[r]), extra.corrected[r].toFixed(3));
        out.write(`${cells.join(',')}\n`);
        totals.nll += scores?.nll[r] ?? 0;
        totals.marginal += extra?.marginal[r] ?? 0;
        totals.corrected += extra?.corrected[r] ?? 0;
        const score = extra ? extra.corrected[r] : scores!.nll[r];
        if (score > worst.score) worst = { index, score };
      }
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const mean = (total: number) => total / Math.max(1, index);
    const summary = {
      source: options.input ?? options.split, examples: index, k: options.k, out: options.out,
      ...(options.input === undefined || options.labels !== undefined ? { meanNll: mean(totals.nll) } : {}),
      ...(ood ? { meanNllMarginal: mean(totals.marginal), meanCorrectedBits: mean(totals.corrected) } : {}),
      highest: { index: worst.index, [ood ? 'correctedBits' : 'nll']: worst.score },
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const parts = [
      summary.meanNll !== undefined && `mean -log p(x|c) ${summary.meanNll.toFixed(2)} nats`,
      ood && `mean -log p(x) ${mean(totals.marginal).toFixed(2)} nats, mean S(x) = -log2 p(x) - L(x) ${mean(totals.corrected).toFixed(1)} bits`,
      `highest #${worst.index} (${worst.score.toFixed(2)})`,
    ].filter(Boolean);
    process.stdout.write(`[cvae] scored ${index} examples of ${summary.source} (IWAE k = ${options.k}): ${parts.join('; ')}; wrote ${options.out}\n`);
  });
}

async function* splitRows(batches: AsyncIterable<Rows>): AsyncGenerator<Rows> {
  for await (const batch of batches) yield { x: batch.x, c: batch.c, size: batch.size };
}

/** The images of `--input` (binarised once, seed 0) in batches, one-hot labels when `--labels` was given. */
async function* inputRows(options: ScoreCommandOptions, shape: readonly [number, number], classes: number | undefined): AsyncGenerator<Rows> {
  const input = await readImageInput(options.input!, shape, { labels: options.labels, classes, limit: options.testSize });
  const size = shape[0] * shape[1];
  for (let start = 0; start < input.count; start += BATCH) {
    const end = Math.min(input.count, start + BATCH);
    const labels = input.labels === undefined ? undefined : Array.from(input.labels.subarray(start, end));
    yield { x: input.x.subarray(start * size, end * size), c: labels && oneHot(labels, classes!), size: end - start };
  }
}

function givenConditionScores(model: Cvae, x: tf.Tensor2D, c: Float32Array, k: number, seed: number) {
  const cs = tf.tensor2d(c, [x.shape[0], model.config.conditionSize]);
  const scores = exampleScores(model, x, cs, { k, seed });
  cs.dispose();
  return scores;
}

function oodColumns(model: Cvae, x: tf.Tensor2D, pixels: Float32Array, [height, width]: readonly [number, number], classes: number, logPrior: number[], k: number, seed: number): OodColumns {
  const everyClass = oneHot(Array.from({ length: classes }, (_, i) => i), classes);
  const logLik = logLikelihoodPerCondition(model, x, everyClass, { k, seed });
  const marginal = marginalLogLikelihood(logLik, classes, logPrior).map((v) => -v);
  const rows = x.shape[0];
  const best = Array.from({ length: rows }, (_, r) => {
    const row = Array.from(logLik.subarray(r * classes, (r + 1) * classes));
    const top = row.indexOf(Math.max(...row));
    return { nll: -row[top], index: top };
  });
  const size = height * width;
  const bits = Array.from({ length: rows }, (_, r) => pngBits(pixels.subarray(r * size, (r + 1) * size), height, width));
  return { marginal, best, bits, corrected: complexityCorrectedScore(marginal, bits) };
}
