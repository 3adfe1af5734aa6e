import { oneHot, type Batch } from '@cvae/core';

/** What `imageBatches` needs to know about one split. */
export interface ImageBatchesSource {
  /** Number of examples to iterate over. */
  readonly count: number;
  /** Values per example (length of one row of `x`). */
  readonly rowSize: number;
  /** Class id of each example. */
  readonly labels: Uint8Array;
  /** Number of classes, i.e. the length of one row of `c`. */
  readonly classes: number;
  /** Writes example `example` into `x` at offset `at` (e.g. binarising it on the fly). */
  writeRow(example: number, x: Float32Array, at: number): void;
}

/**
 * Yields mini-batches over `source` in `order` (identity order when omitted). The final
 * partial batch is yielded too, so an evaluation covers every example.
 *
 * Two buffers of `batchSize` rows are allocated per iteration and reused for every batch (the
 * partial last batch is a view onto their start): a batch is only valid until the iterator
 * advances. Copy `x`/`c` if you need to keep them.
 *
 * @example
 * ```ts
 * for await (const batch of imageBatches(source, 128)) {
 *   train(batch.x, batch.c, batch.size);
 * }
 * ```
 */
export async function* imageBatches(
  source: ImageBatchesSource,
  batchSize: number,
  order?: Uint32Array,
): AsyncGenerator<Batch, void, undefined> {
  const { count, rowSize, labels, classes } = source;
  const rows = Math.min(batchSize, count);
  const x = new Float32Array(rows * rowSize);
  const c = new Float32Array(rows * classes);
  const batchLabels = new Uint8Array(rows);
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    for (let row = 0; row < size; row++) {
      const example = order ? order[start + row] : start + row;
      source.writeRow(example, x, row * rowSize);
      batchLabels[row] = labels[example];
    }
    const full = size === rows;
    const batchX = full ? x : x.subarray(0, size * rowSize);
    const batchC = full ? c : c.subarray(0, size * classes);
    oneHot(full ? batchLabels : batchLabels.subarray(0, size), classes, batchC);
    yield { x: batchX, c: batchC, size };
  }
}
