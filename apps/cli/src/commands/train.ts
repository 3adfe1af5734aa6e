import { assertBackendCanTrain, coreModule, latentStats, parseModelConfig, saveModel, TOKENS, unconditioned, type EpochEvent, type TrainOptionsInput } from '@cvae/core';
import { DATASET_NAMES, datasetModule, TabularAdapter } from '@cvae/datasets';
import { SingleBar } from 'cli-progress';
import { Container } from 'inversify';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installBackend } from '../compose/backends.js';
import { tabularDatasetModule, tabularLikelihood, tabularSynthesis, TABULAR_ENCODER_FILE, type TabularFlags } from '../compose/tabular.js';
import { recordsCsv } from '../output/records-csv.js';
import { UsageError } from '../usage-error.js';
import { installDatasetPlugin } from '../compose/dataset-plugin.js';
import { tabularEpochs, withTabularDefaults } from '../compose/tabular-defaults.js';
import { classGridPng } from '../output/class-grid.js';
import { MetricsLog } from '../output/metrics-log.js';
import { writeModelDir } from '../output/model-dir.js';

/** Datasets `--dataset` accepts without a plugin. */
export const BUILT_IN_DATASETS = [...DATASET_NAMES, 'tabular'] as const;

/** Every `cvae train` flag (the `--dataset tabular` ones in {@link TabularFlags}). */
export interface TrainCommandOptions extends TabularFlags {
  readonly dataset: string;
  /** Module specifier or path of a dataset plugin; its adapter's id must equal `dataset`. */
  readonly plugin?: string;
  readonly backend: string;
  readonly threads?: number;
  readonly out: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly beta: number;
  readonly klSchedule: 'constant' | 'linear' | 'cyclical';
  readonly warmup: number;
  readonly cycles: number;
  readonly freeBits: number;
  readonly prior: 'standard' | 'learned';
  readonly unconditional?: boolean;
  readonly latent: number;
  readonly hidden: number[];
  /** `mlp`, or `conv` (image datasets; its shape comes from the dataset spec). */
  readonly arch: 'mlp' | 'conv';
  readonly seed: number;
  readonly dataDir?: string;
  readonly trainSize?: number;
  readonly testSize?: number;
  /** Flags the user set (the others hold their defaults), so dataset-specific defaults may replace them. */
  readonly explicit?: ReadonlySet<string>;
}

/**
 * `cvae train`: trains a CVAE and writes `out/model/`, `out/metrics.jsonl` and `out/samples.png`.
 *
 * @example
 * ```ts
 * await trainCommand({ dataset: 'mnist', backend: 'auto', out: 'runs/x', epochs: 5, ... });
 * ```
 */
export async function trainCommand(given: TrainCommandOptions): Promise<void> {
  const explicit = given.explicit ?? new Set(Object.keys(given));
  const options = given.dataset === 'tabular' && given.plugin === undefined ? withTabularDefaults(given, explicit) : given;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const container = new Container();
  const dataOptions = { dataDir: options.dataDir, trainSize: options.trainSize, testSize: options.testSize };
  // Resolving the dataset first rejects an unknown name (or a broken plugin) before any backend is loaded.
  container.load(coreModule());
  if (options.plugin !== undefined) await installDatasetPlugin(container, options.plugin, options.dataset, dataOptions);
  else if (options.dataset === 'tabular') {
    if (options.unconditional) throw new UsageError('--unconditional is not supported with --dataset tabular yet: choose condition columns');
    container.load(tabularDatasetModule(options));
  }
  else if (!(BUILT_IN_DATASETS as readonly string[]).includes(options.dataset)) {
    throw new UsageError(`unknown dataset "${options.dataset}"; valid datasets: ${BUILT_IN_DATASETS.join(', ')} (or --plugin MODULE)`);
  } else container.load(datasetModule(options.dataset, dataOptions));
  const backend = await installBackend(container, { name: options.backend, threads: options.threads }, (line) => process.stderr.write(`${line}\n`));
  if (options.unconditional) {
    const conditioned = container.get(TOKENS.Dataset);
    container.rebind(TOKENS.Dataset).toConstantValue(unconditioned(conditioned));
  }
  const dataset = container.get(TOKENS.Dataset);
  await dataset.load();
  let { epochs } = options;
  if (dataset instanceof TabularAdapter) {
    log(describeTable(dataset));
    if (!explicit.has('epochs')) epochs = tabularEpochs(dataset.size('train'), options.batchSize);
    const flags = `--continuous ${options.continuous} --prior ${options.prior} --latent ${options.latent} --hidden ${options.hidden.join(',')} --epochs ${epochs}`;
    log(`[cvae] tabular training with ${flags} (unset flags take the tabular defaults; set any to override)`);
  }
  const modelConfig = parseModelConfig({
    inputSize: dataset.spec.input.size,
    conditionSize: dataset.spec.condition.size,
    latentSize: options.latent,
    encoderHidden: options.hidden,
    decoderHidden: [...options.hidden].reverse(),
    architecture: options.arch === 'conv' ? { kind: 'conv', imageShape: [...dataset.spec.input.shape] } : { kind: 'mlp' },
    // Binary data: Bernoulli; continuous data: a Gaussian with one learned sigma per dimension.
    // Tabular rows: one likelihood per column group; binary data: Bernoulli; continuous: a Gaussian
    // with one learned sigma per dimension.
    likelihood:
      tabularLikelihood(dataset) ?? (dataset.spec.likelihood === 'gaussian' ? { kind: 'gaussian', sigma: 'learned' } : { kind: 'bernoulli' }),
    prior: options.prior === 'learned' ? { kind: 'learned', hidden: [] } : { kind: 'standard' },
    seed: options.seed,
  });
  assertBackendCanTrain(modelConfig, backend);
  const trainOptions = {
    epochs,
    batchSize: options.batchSize,
    learningRate: options.lr,
    beta: klWeight(options),
    freeBits: options.freeBits,
    seed: options.seed,
  };
  container.bind(TOKENS.ModelConfig).toConstantValue(modelConfig);
  container.bind(TOKENS.TrainOptions).toConstantValue(trainOptions);
  const trainer = container.get(TOKENS.Trainer);

  await mkdir(options.out, { recursive: true });
  const metrics = await MetricsLog.create(join(options.out, 'metrics.jsonl'));
  log(`[cvae] training on ${dataset.spec.name} (${dataset.size('train')} train / ${dataset.size('test')} test) with backend ${backend.name} (${backend.capabilities.threads} threads), ${epochs} epochs`);
  const bar = process.stderr.isTTY ? new SingleBar({ format: 'epoch {epoch} [{bar}] {percentage}% | loss {loss} | {eta}s left', stream: process.stderr }) : undefined;
  let last: EpochEvent | undefined;
  for await (const event of trainer.run()) {
    if (event.type === 'batch') {
      if (event.step === 1) bar?.start(dataset.size('train'), 0, { epoch: event.epoch, loss: '-' });
      bar?.update(event.examples, { epoch: event.epoch, loss: event.loss.toFixed(2) });
      continue;
    }
    bar?.stop();
    last = event;
    await metrics.append(event, { backend: backend.name });
    log(
      `epoch ${event.epoch}: train loss ${event.train.loss.toFixed(2)} (recon ${event.train.recon.toFixed(2)}, kl ${event.train.kl.toFixed(2)}) ` +
        `| test -ELBO ${event.test?.negElbo.toFixed(2)} nats | ${event.seconds.toFixed(1)} s`,
    );
  }
  // Posterior collapse shows here: dimensions with (almost) no KL are unused (Burda et al. 2015).
  const latent = await latentStats(trainer.model, dataset, 'test');
  log(
    `[cvae] active units: ${latent.activeUnits}/${modelConfig.latentSize} (Cov_x E_q[z_i] > 0.01); ` +
      `KL per dimension (nats): ${latent.klPerDimension.map((k) => k.toFixed(2)).join(' ')}`,
  );
  const artifact = await saveModel(trainer.model, {
    dataset: { id: dataset.id, spec: dataset.spec },
    training: {
      ...trainOptions,
      backend: backend.name,
      final: last && { train: last.train, test: last.test },
      latent: { activeUnits: latent.activeUnits, klPerDimension: latent.klPerDimension },
    },
  });
  const source = container.get(TOKENS.Dataset);
  if (source instanceof TabularAdapter) {
    // Tabular data: the fitted schema + encoders go beside the model, so sampling needs no CSV;
    // one synthetic row per test row (same condition) is scored against the real test rows.
    await writeModelDir(join(options.out, 'model'), artifact, { [TABULAR_ENCODER_FILE]: JSON.stringify(source.encoder) });
    const { synthetic, report } = tabularSynthesis(trainer.model, source, options.seed);
    await writeFile(join(options.out, 'samples.csv'), recordsCsv(synthetic, source.encoder.schema.map((c) => c.name)));
    await writeFile(join(options.out, 'quality.json'), `${JSON.stringify(report, null, 2)}\n`);
    log(`[cvae] quality: overall ${report.overall.toFixed(3)} (column shapes ${report.columnShapes.toFixed(3)}, pair trends ${report.columnPairTrends.toFixed(3)}). ${report.summary}`);
    for (const group of report.by?.groups ?? []) {
      const { overall, columnPairTrends, pairTrendsProgress } = group.scores;
      const progress = Number.isNaN(pairTrendsProgress) ? 'baselines do not differ' : `${Math.round(pairTrendsProgress * 100)}% of the way from independent draws to resampled rows`;
      log(`[cvae] quality for ${report.by?.column} = ${group.value}: overall ${overall.toFixed(3)}, pair trends ${columnPairTrends.toFixed(3)} (${progress})`);
    }
    log(`[cvae] wrote ${join(options.out, 'model')}/, ${join(options.out, 'metrics.jsonl')}, ${join(options.out, 'samples.csv')} and ${join(options.out, 'quality.json')}`);
  } else {
    await writeModelDir(join(options.out, 'model'), artifact);
    await writeFile(join(options.out, 'samples.png'), classGridPng(trainer.model, dataset.spec.input.shape, 10, options.seed));
    log(`[cvae] wrote ${join(options.out, 'model')}/, ${join(options.out, 'metrics.jsonl')} and ${join(options.out, 'samples.png')}`);
  }
  trainer.dispose();
  trainer.model.dispose();
}

/** What loading a table did: columns and kinds, rows dropped, identifier columns left out. */
function describeTable(adapter: TabularAdapter): string {
  const { rows, droppedMissing, droppedUnseen, schema, ignored } = adapter.info;
  const kinds = schema.map((c) => `${c.name} (${c.kind})`).join(', ');
  const notes = [
    droppedMissing > 0 && `${droppedMissing} dropped for a missing value (--missing impute|category keeps them)`,
    droppedUnseen > 0 && `${droppedUnseen} test rows dropped for a class the training split lacks`,
    ignored.length > 0 && `left out as identifiers (nearly every value distinct): ${ignored.join(', ')} (--kinds ${ignored[0]}=categorical to model one)`,
  ].filter(Boolean);
  return `[cvae] table: ${rows} rows; columns ${kinds}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`;
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
