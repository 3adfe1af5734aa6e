import { assertBackendCanTrain, coreModule, CvaeError, EarlyStopping, evaluateElbo, TrainingDivergedError, type TrainEvent, latentStats, parseModelConfig, saveModel, TOKENS, unconditioned, type DatasetSource, type EpochEvent, type ModelConfigInput, type TrainOptionsInput } from '@cvae/core';
import { DATASET_NAMES } from '@cvae/datasets';
import { Container } from 'inversify';
import { mkdir } from 'node:fs/promises';
import { plainFileName, writeFileAtomic } from '../output/safe-files.js';
import { join } from 'node:path';
import { installBackend } from '../compose/backends.js';
import { chooseDataset } from '../compose/dataset-door.js';
import { UsageError } from '../usage-error.js';
import { classGridPng } from '../output/class-grid.js';
import { progressMode, TrainProgress } from '../output/train-progress.js';
import { lossChartSpec, type EpochMetrics } from '../charts/loss-chart.js';
import type { TopLevelSpec } from 'vega-lite';
import { vegaLitePng } from '../charts/vega-png.js';
import { writeModelDir } from '../output/model-dir.js';
import { CheckpointSession } from '../checkpoint/checkpoint-session.js';
import { commandRecord, resumeFlags } from '../checkpoint/resume-options.js';

/** Shortest time between two drawings of loss.png during training (the last epoch is always drawn). */
const LOSS_CHART_EVERY_MS = 5000;

/** Datasets `--dataset` accepts without a plugin. */
export const BUILT_IN_DATASETS = DATASET_NAMES;

/** Every `cvae train` flag; a dataset's own flags (e.g. `--csv`) arrive under their names too. */
export interface TrainCommandOptions {
  readonly dataset: string;
  /** Module specifier or path of a dataset plugin; its dataset's id must equal `dataset`. */
  readonly plugin?: string;
  readonly backend: string;
  readonly threads?: number;
  /** node only: TensorFlow's inter-op pool. */
  readonly interOpThreads?: number;
  readonly out: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  /** Decay the learning rate to this by the last step (off when unset). */
  readonly lrEnd?: number;
  /** Global-norm gradient clipping (off when unset). */
  readonly clipNorm?: number;
  readonly beta: number;
  readonly klSchedule: 'constant' | 'linear' | 'cyclical';
  readonly warmup: number;
  readonly cycles: number;
  readonly freeBits: number;
  /** Weight of the class-mean independence penalty (0 = off). */
  readonly independence?: number;
  /** Importance samples per example in the objective (1 = the ELBO, k > 1 = the IWAE bound). */
  readonly importanceSamples?: number;
  readonly prior: 'standard' | 'learned';
  /** Gaussians in the learned prior (1 = one Gaussian per condition, K > 1 a mixture). */
  readonly priorComponents?: number;
  /** With a validation split: epochs without a lower validation -ELBO before training stops (default: a fifth of the epochs, at least 10). */
  readonly patience?: number;
  readonly unconditional?: boolean;
  readonly latent: number;
  /** Units of a second stochastic layer above z (off when unset). */
  readonly topLatent?: number;
  readonly topHidden?: number[];
  readonly hidden: number[];
  /** `mlp`, `conv` (image datasets; its shape comes from the dataset spec) or `sequence` (text). */
  readonly arch: 'mlp' | 'conv' | 'sequence';
  /** sequence: token embedding width. */
  readonly embedding?: number;
  /** sequence: share of decoder input tokens replaced by <unk> in training. */
  readonly wordDropout?: number;
  /** sequence: the decoder ignores z (a conditional language model baseline). */
  readonly languageModel?: boolean;
  /** Where the mlp decoder sees c (`input` or `every-layer`). */
  readonly decoderCondition?: 'input' | 'every-layer';
  readonly seed: number;
  /** Progress as plain lines even on a terminal. */
  readonly quiet?: boolean;
  /** Progress as JSON lines on stdout (one event per line); human lines go to stderr. */
  readonly json?: boolean;
  readonly dataDir?: string;
  readonly trainSize?: number;
  readonly testSize?: number;
  /** Flags the user set (the others hold their defaults), so dataset-specific defaults may replace them. */
  readonly explicit?: ReadonlySet<string>;
  /** A run folder whose checkpoint to continue from, with the flags stored there. */
  readonly resume?: string;
  readonly [datasetFlag: string]: unknown;
}

/**
 * `cvae train`: trains a CVAE and writes `out/model/`, `out/metrics.jsonl` and the samples the
 * dataset's descriptor asks for (`samples.png`, or `samples.csv` + `quality.json` for tables).
 *
 * @example
 * ```ts
 * await trainCommand({ dataset: 'mnist', backend: 'auto', out: 'runs/x', epochs: 5, ... });
 * ```
 */
export async function trainCommand(flags: TrainCommandOptions): Promise<void> {
  // --- checkpoints (../checkpoint/): `--resume DIR` continues with the flags stored in DIR's checkpoint.
  const resumed = flags.resume === undefined ? undefined : await resumeFlags({ ...flags, resume: flags.resume });
  const given = (resumed?.options ?? flags) as TrainCommandOptions;
  // --- end checkpoints
  if (given.dataset === undefined) throw new UsageError('cvae train needs --dataset NAME (or `dataset:` in the --config file, or --resume DIR)');
  const explicit = given.explicit ?? new Set(Object.keys(given));
  const log = (line: string) => (given.json ? process.stderr : process.stdout).write(`${line}\n`);
  const dataOptions = { dataDir: given.dataDir, trainSize: given.trainSize, testSize: given.testSize };
  // Resolving the dataset first rejects an unknown name (or a broken plugin) before any backend is loaded.
  const { descriptor, plugin } = await chooseDataset(given.dataset, given.plugin, dataOptions);
  // A dataset's default mixture (tabular: 16 components) goes with its learned prior, not with a --prior standard.
  const standardPrior = explicit.has('prior') && given.prior !== 'learned';
  const unset = Object.entries(descriptor.defaults ?? {}).filter(([flag]) => !explicit.has(flag) && !(flag === 'priorComponents' && standardPrior));
  const options = { ...given, ...Object.fromEntries(unset) } as TrainCommandOptions;
  const datasetOptions = datasetFlagValues(options, descriptor.flags?.map((f) => f.name) ?? []);
  if (options.unconditional && descriptor.present === 'records') {
    throw new UsageError(`--unconditional is not supported with --dataset ${descriptor.id} yet: choose condition columns`);
  }
  if ((options.priorComponents ?? 1) > 1 && options.prior !== 'learned') {
    throw new UsageError(`--prior-components ${options.priorComponents} needs --prior learned (found --prior ${options.prior}): a mixture is a learned p(z|c)`);
  }
  const container = new Container();
  container.load(coreModule(), descriptor.module(datasetOptions));
  const backend = await installBackend(container, { name: options.backend, threads: options.threads, interOpThreads: options.interOpThreads }, (line) => process.stderr.write(`${line}\n`));
  if (options.unconditional) {
    const conditioned = container.get(TOKENS.Dataset);
    container.rebind(TOKENS.Dataset).toConstantValue(unconditioned(conditioned));
  }
  const dataset = container.get(TOKENS.Dataset);
  await dataset.load();
  for (const line of descriptor.describe?.(dataset) ?? []) log(line);
  const epochs = explicit.has('epochs') || descriptor.defaultEpochs === undefined ? options.epochs : descriptor.defaultEpochs(dataset.size('train'), options.batchSize, dataset.spec.input.size);
  if (unset.length > 0 || epochs !== options.epochs) {
    const chosen = [...unset.map(([flag, value]) => `--${kebab(flag)} ${Array.isArray(value) ? value.join(',') : String(value)}`), `--epochs ${epochs}`];
    log(`[cvae] ${descriptor.id} training with ${chosen.join(' ')} (unset flags take the dataset's defaults; set any to override)`);
  }
  const modelConfig = parseModelConfig({
    inputSize: dataset.spec.input.size,
    conditionSize: dataset.spec.condition.size,
    latentSize: options.latent,
    encoderHidden: options.hidden,
    decoderHidden: [...options.hidden].reverse(),
    architecture: architectureOf(options, dataset.spec.input.shape),
    // The dataset says which observation model fits its data (Bernoulli pixels, mixed table columns, ...).
    likelihood: dataset.spec.likelihood,
    prior: options.prior === 'learned' ? { kind: 'learned', hidden: [], components: options.priorComponents ?? 1 } : { kind: 'standard' },
    decoderCondition: options.decoderCondition ?? 'input',
    ...(options.topLatent !== undefined && { topLatent: { size: options.topLatent, hidden: options.topHidden ?? [256, 256] } }),
    seed: options.seed,
  });
  assertBackendCanTrain(modelConfig, backend);
  const trainOptions = {
    epochs,
    batchSize: options.batchSize,
    learningRate: options.lr,
    ...(options.lrEnd !== undefined && { learningRateEnd: options.lrEnd }),
    ...(options.clipNorm !== undefined && { clipNorm: options.clipNorm }),
    beta: klWeight(options),
    freeBits: options.freeBits,
    independence: options.independence ?? 0,
    importanceSamples: options.importanceSamples ?? 1,
    seed: options.seed,
  };
  container.bind(TOKENS.ModelConfig).toConstantValue(modelConfig);
  container.bind(TOKENS.TrainOptions).toConstantValue(trainOptions);
  const trainer = container.get(TOKENS.Trainer);
  // Early stopping where the dataset holds out validation rows (--dataset tabular: --validation).
  const validation = descriptor.validation?.(dataset);
  const stopping = validation && new EarlyStopping(trainer.model, options.patience ?? Math.max(10, Math.round(epochs / 5)));

  await mkdir(options.out, { recursive: true });
  // --- checkpoints: one per epoch and on Ctrl-C; a resumed run restores weights, trainer and metrics.jsonl.
  const checkpointContext = { runDir: options.out, command: commandRecord(given, explicit), backend: backend.name, metricsPath: join(options.out, 'metrics.jsonl'), log };
  const checkpoints = await CheckpointSession.start(checkpointContext, resumed?.checkpoint, stopping || undefined);
  const metrics = await checkpoints.metricsLog();
  await checkpoints.restore(trainer);
  // --- end checkpoints
  const upTo = stopping ? `up to ${epochs} epochs (stops after ${stopping.patience} without a lower -ELBO on ${validation!.size('test')} validation rows, and keeps the best)` : `${epochs} epochs`;
  log(`[cvae] training on ${dataset.spec.name} (${dataset.size('train')} train / ${dataset.size('test')} test) with backend ${backend.name} (${backend.capabilities.threads} threads), ${upTo}`);
  const progress = new TrainProgress(progressMode(options), dataset.size('train'), options.batchSize);
  // A resumed run starts from the epochs its checkpoint recorded (for loss.png and the model's summary).
  const history: EpochMetrics[] = [...checkpoints.history];
  let last: Pick<EpochEvent, 'train' | 'test'> | undefined = checkpoints.history.at(-1);
  // Resumed with early stopping: the figures the model is saved with are its best epoch's so far.
  if (stopping && stopping.bestEpoch > 0) last = checkpoints.history.find((h) => h.epoch === stopping.bestEpoch) ?? last;
  let drawn = -Infinity;
  // A run interrupted after early stopping had stopped it (before its model was written) trains no more.
  const events = stopping && stopping.stopped ? [] : divergenceNamed(trainer.run(), checkpoints);
  for await (const event of events) {
    if (event.type === 'batch') {
      progress.batch(event);
      await checkpoints.afterStep(trainer);
      continue;
    }
    const held = stopping && (await evaluateElbo(trainer.model, validation!, 'test')).negElbo;
    if (held === undefined || held < stopping!.best) last = event;
    const stop = held !== undefined && stopping!.update(event.epoch, held);
    progress.epoch(event, held);
    await metrics.append(event, { backend: backend.name, ...(held !== undefined && { validation: { negElbo: held } }) });
    // The loss curve is redrawn as the run goes (so it can be watched), at most every few seconds:
    // a drawing takes ~0.2 s, more than a whole epoch of a small table.
    history.push(event);
    if (event.epoch === epochs || stop || performance.now() - drawn > LOSS_CHART_EVERY_MS) {
      await writeFileAtomic(join(options.out, 'loss.png'), await vegaLitePng(lossChartSpec(history)));
      drawn = performance.now();
    }
    await checkpoints.afterEpoch(trainer, event.epoch);
    if (stop) break;
  }
  checkpoints.close();
  if (stopping) {
    if (stopping.movedOn) stopping.restoreBest();
    log(`[cvae] kept the weights of epoch ${stopping.bestEpoch} (validation -ELBO ${stopping.best.toFixed(2)} nats, the lowest of ${history.length} epochs)`);
    stopping.dispose();
  }
  // Posterior collapse shows here: dimensions with (almost) no KL are unused (Burda et al. 2015).
  const latent = await latentStats(trainer.model, dataset, 'test');
  log(
    `[cvae] active units: ${latent.activeUnits}/${modelConfig.latentSize} (Cov_x E_q[z_i] > 0.01); ` +
      `KL per dimension (nats): ${latent.klPerDimension.map((k) => k.toFixed(2)).join(' ')}`,
  );
  const beside = descriptor.saveBeside?.(dataset) ?? {};
  const source: DatasetSource = {
    descriptor: descriptor.id,
    present: descriptor.present,
    ...(plugin !== undefined && { plugin }),
    options: { ...datasetOptions },
    ...(options.unconditional && { unconditioned: true }),
    files: Object.keys(beside),
  };
  const artifact = await saveModel(trainer.model, {
    dataset: { id: dataset.id, spec: dataset.spec, source },
    training: {
      ...trainOptions,
      backend: backend.name,
      final: last && { train: last.train, test: last.test },
      latent: { activeUnits: latent.activeUnits, klPerDimension: latent.klPerDimension },
    },
  });
  await writeModelDir(join(options.out, 'model'), artifact, beside);
  const written = [`${join(options.out, 'model')}/`, join(options.out, 'metrics.jsonl'), join(options.out, 'loss.png')];
  if (descriptor.present === 'image-grid') {
    await writeFileAtomic(join(options.out, 'samples.png'), classGridPng(trainer.model, dataset.spec.input.shape, 10, options.seed));
    written.push(join(options.out, 'samples.png'));
  }
  const report = descriptor.report?.(trainer.model, dataset, options.seed);
  for (const [name, text] of Object.entries(report?.files ?? {})) {
    // Names come from the descriptor (a plugin's, maybe): plain file names under --out only.
    await writeFileAtomic(join(options.out, plainFileName(name, `dataset ${descriptor.id}'s report`)), text);
    written.push(join(options.out, name));
  }
  for (const [name, spec] of Object.entries(report?.charts ?? {})) {
    await writeFileAtomic(join(options.out, plainFileName(name, `dataset ${descriptor.id}'s report`)), await vegaLitePng(spec as unknown as TopLevelSpec));
    written.push(join(options.out, name));
  }
  for (const line of report?.lines ?? []) log(line);
  log(`[cvae] wrote ${written.join(', ')}`);
  const model = join(options.out, 'model');
  const next = {
    records: `cvae sample --model ${model} --condition COL=VALUE --n 100 --out rows.csv`,
    text: `cvae sample --model ${model} --condition ${dataset.spec.condition.names[0] ?? 'label'}=${dataset.spec.condition.classNames[0]} --n 20`,
    'image-grid': `cvae interpolate --model ${model} --out ${join(options.out, 'interpolation.png')}`,
  }[descriptor.present];
  log(`[cvae] next: npx ${next} (every command: docs/cli.md)`);
  trainer.dispose();
  trainer.model.dispose();
}

/** The architecture from `--arch`: conv takes the image shape from the dataset, sequence its GRU width from `--hidden`. */
function architectureOf(options: TrainCommandOptions, shape: readonly number[]): ModelConfigInput['architecture'] {
  switch (options.arch) {
    case 'conv':
      return { kind: 'conv', imageShape: [...shape] };
    case 'sequence':
      return { kind: 'sequence', hidden: options.hidden[0], embedding: options.embedding, wordDropout: options.wordDropout, useLatent: !options.languageModel };
    default:
      return { kind: 'mlp' };
  }
}

/** The values of a dataset's own flags and the common data flags, unset ones left out. */
function datasetFlagValues(options: TrainCommandOptions, names: readonly string[]): Record<string, unknown> {
  const keys = ['dataDir', 'trainSize', 'testSize', ...names];
  return Object.fromEntries(keys.map((k) => [k, options[k]]).filter(([, v]) => v !== undefined));
}

function kebab(flag: string): string {
  return flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The KL weight (a number or a schedule) from the command-line flags. */
function klWeight(options: TrainCommandOptions): TrainOptionsInput['beta'] {
  switch (options.klSchedule) {
    case 'linear':
      if (options.warmup > 1) throw new UsageError(`--warmup must be a fraction in (0, 1], found ${options.warmup}`);
      return { kind: 'linear', from: 0, to: options.beta, fraction: options.warmup };
    case 'cyclical':
      return { kind: 'cyclical', cycles: options.cycles, ratio: 0.5, max: options.beta };
    default:
      return options.beta;
  }
}

/**
 * Training events, with a divergence (NaN/Inf loss or gradients) turned into one line that also
 * says the last checkpoint is intact and how to continue from it with a smaller step.
 */
async function* divergenceNamed(events: AsyncIterable<TrainEvent>, checkpoints: CheckpointSession): AsyncGenerator<TrainEvent> {
  try {
    yield* events;
  } catch (error) {
    if (!(error instanceof TrainingDivergedError)) throw error;
    const { learningRate, clipNorm } = error.figures;
    const lower = Number((learningRate / 10).toPrecision(2));
    const flags = `--lr ${lower}${clipNorm === undefined ? ' --clip-norm 5' : ''}`;
    throw new CvaeError('train', `${error.detail}; the last checkpoint is intact${checkpoints.lastCheckpoint === undefined ? ' (none was written yet)' : ` (${checkpoints.lastCheckpoint})`}`, {
      fix: checkpoints.lastCheckpoint === undefined ? `start again with a lower learning rate or clipping, e.g. ${flags}` : `continue with a lower learning rate or clipping: ${checkpoints.resumeCommand} ${flags}`,
      cause: error,
    });
  }
}
