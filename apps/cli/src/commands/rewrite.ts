import { encodeCondition, parseConditionArgument, reconstructMeans, repeatRows } from '@cvae/core';
import { withSavedModel, type SavedModelOptions } from '../compose/saved-model.js';
import { firstTestExamples, reopenDataset } from '../compose/dataset-door.js';
import { textDecoder, writeLines } from '../output/text-lines.js';
import { UsageError } from '../usage-error.js';

export interface RewriteCommandOptions extends SavedModelOptions {
  /** The target condition, `name=value` (e.g. `gender=male`). */
  readonly to: string;
  readonly n: number;
  readonly out?: string;
}

/**
 * `cvae rewrite`: editing with attribute control (Hu et al. 2017). The first `n` test texts of
 * another class than `--to` are encoded under their own condition and decoded greedily under the
 * target one (the code moved to the target's prior region when the prior is learned). Lines
 * `class<TAB>text<TAB>-><TAB>target<TAB>rewritten`, printed or written to a `.txt` `--out`.
 *
 * @example
 * ```ts
 * await rewriteCommand({ model: 'runs/names/model', backend: 'auto', to: 'gender=male', n: 20 });
 * ```
 */
export async function rewriteCommand(options: RewriteCommandOptions): Promise<void> {
  await withSavedModel(options, async (model, manifest) => {
    const { source, descriptor, dataset, files } = await reopenDataset(manifest, options.model, options);
    if (source.present !== 'text') throw new UsageError(`cvae rewrite edits texts; this model's samples are ${source.present} (images: the last strip of cvae interpolate shows a code under every class)`);
    const spec = dataset.spec.condition;
    const attributes = spec.attributes ?? [{ name: spec.names[0] ?? 'class', kind: 'categorical' as const, classes: spec.classNames }];
    const target = encodeCondition(attributes, parseConditionArgument(options.to));
    // The whole test split: it may be sorted by class (names: female first), so its head can hold no other class.
    const { x, c, size } = await firstTestExamples(dataset, dataset.size('test'));
    const { inputSize, conditionSize } = model.config;
    const other = Array.from({ length: size }, (_, i) => i).filter((i) => c.slice(i * conditionSize, (i + 1) * conditionSize).some((v, j) => v !== target[j])).slice(0, options.n);
    if (other.length === 0) throw new UsageError(`no test text has another condition than ${options.to}`);
    const pick = (values: Float32Array, width: number) => new Float32Array(other.flatMap((i) => Array.from(values.subarray(i * width, (i + 1) * width))));
    const [xs, cs] = [pick(x, inputSize), pick(c, conditionSize)];
    const targets = repeatRows(target, other.length);
    const rewritten = reconstructMeans(model, xs, cs, targets);
    const decoder = textDecoder(descriptor, files);
    const [before, after] = [decoder.decode(xs, cs), decoder.decode(rewritten, targets)];
    const label = decoder.columns[0];
    const where = await writeLines(options.out, before.map((row, i) => `${String(row[label])}\t${String(row.text)}\t->\t${String(after[i][label])}\t${String(after[i].text)}`));
    if (where !== 'stdout') process.stdout.write(`[cvae] wrote ${where} (${other.length} texts rewritten as ${options.to})\n`);
  });
}
