import { CvaeError } from '@cvae/core';
import { UsageError } from './usage-error.js';
import { Command, CommanderError, Option } from 'commander';
import { evalCommand } from './commands/eval.js';
import { sampleCommand } from './commands/sample.js';
import { BUILT_IN_DATASETS, trainCommand, type TrainCommandOptions } from './commands/train.js';
import { backendOption, interOpThreadsOption, pluginOption, registerModelCommands, threadsOption } from './model-commands.js';
import { registerDensityCommands } from './density-commands.js';
import { DATASET_DESCRIPTORS } from '@cvae/datasets';
import { datasetFlagOptions, integerFlag, numberFlag, widthsFlag } from './parse-flags.js';
import { withConfigFile } from './compose/config-file.js';

/**
 * Builds the `cvae` command line (every command, flag and help text). Parse errors throw a
 * commander `CommanderError` instead of printing help and exiting: {@link runProgram} turns them
 * into one `[cvae] [usage] ...` line.
 *
 * @example
 * ```ts
 * await buildProgram().parseAsync(['train', '--dataset', 'mnist'], { from: 'user' });
 * ```
 */
export function buildProgram(): Command {
  const program = new Command('cvae')
    .description('Train Conditional Variational Autoencoders and sample from them.')
    .exitOverride()
    .configureOutput({ outputError: () => undefined });

  const train = program
    .command('train')
    .description('train a CVAE; writes OUT/model/, OUT/metrics.jsonl and OUT/samples.png')
    .option('--dataset <name>', `dataset to train on (${BUILT_IN_DATASETS.join(', ')}), or the id of the --plugin dataset (required, here or in --config, unless --resume)`)
    .option('--plugin <module>', "dataset plugin to load instead of a built-in dataset: a package name or a path to its entry file (e.g. ./dist/index.js); it default-exports (options) => ContainerModule")
    .addOption(backendOption())
    .addOption(threadsOption())
    .addOption(interOpThreadsOption())
    .option('--out <dir>', 'output directory', 'runs/latest')
    .option('--epochs <n>', 'passes over the training set (--dataset tabular: enough for max(1,800, 50 x the encoded row width) steps)', integerFlag(1, 100_000), 10)
    .option('--patience <n>', 'with validation rows (--dataset tabular: --validation): stop after N epochs without a lower validation -ELBO, keeping the best epoch\'s weights (default: a fifth of --epochs, at least 10)', integerFlag(1, 100_000))
    .option('--batch-size <n>', 'examples per Adam step', integerFlag(1, 65536), 128)
    .option('--lr <rate>', 'Adam learning rate', numberFlag(0, true, 1), 1e-3)
    .option('--lr-end <rate>', 'decay the learning rate exponentially per step from --lr to this at the last step (off by default; e.g. 1e-4)', numberFlag(0, true, 1))
    .option('--clip-norm <norm>', 'clip the gradients to this global L2 norm (off by default): steadies a run whose loss became NaN; may be changed on --resume, as --lr', numberFlag(0, true))
    .option('--beta <weight>', 'weight of the KL term (1 = the ELBO); the peak of a schedule', numberFlag(0), 1)
    // The defaults (512-512 MLP, 32 latents, 10% KL warm-up) are the best MNIST configuration measured:
    // 50 epochs reach test -ELBO 90.8 and IWAE NLL 84.9 nats (k = 1000), see the issue notes.
    .addOption(new Option('--kl-schedule <kind>', 'KL weight over training: constant, linear warm-up, or cyclical (Fu et al. 2019)').choices(['constant', 'linear', 'cyclical']).default('linear'))
    .option('--warmup <fraction>', 'linear schedule: fraction of training spent warming up', numberFlag(0, true, 1), 0.1)
    .option('--cycles <n>', 'cyclical schedule: number of cycles', integerFlag(1), 4)
    .addOption(new Option('--prior <kind>', 'p(z|c): standard N(0, I) or learned from c (Sohn et al. 2015; --dataset mnist, fashion-mnist, tabular: learned)').choices(['standard', 'learned']).default('standard'))
    .option('--prior-components <k>', '--prior learned: a mixture of K Gaussians per condition, p(z|c) = sum_k pi_k(c) N(mu_k(c), sigma_k(c)^2), that can follow a clustered aggregate posterior (1 = one Gaussian)', integerFlag(1, 1024), 1)
    .option('--independence <weight>', 'weight of a penalty on the between-class variance of the posterior means (z should not carry c); 0 = off', numberFlag(0), 0)
    .option('--free-bits <nats>', 'free bits per latent dimension (Kingma et al. 2016); 0 = off', numberFlag(0), 0)
    .option('--importance-samples <k>', 'train the IWAE bound with k samples per example (Burda et al. 2015; about k times the decoder work); 1 = the ELBO', integerFlag(1, 5000), 1)
    .option('--latent <n>', 'latent dimensions (--dataset tabular: 16)', integerFlag(1, 4096), 32)
    .option('--top-latent <n>', 'a second stochastic layer of N units above the --latent ones (Burda et al. 2015: q(z2|z,c), p(z|z2,c), the prior over z2; c at every layer): a tighter density model; off by default', integerFlag(1, 4096))
    .option('--top-hidden <widths>', '--top-latent: hidden widths of q(z2|z,c) (p(z|z2,c) mirrors them)', widthsFlag, [256, 256])
    .option('--hidden <widths>', 'encoder hidden widths, e.g. 512,256 (the decoder mirrors them; --dataset tabular: 256,256)', widthsFlag, [512, 512])
    .addOption(
      new Option('--arch <kind>', 'encoder/decoder: mlp (dense layers of --hidden widths), conv (image datasets: stride-2 conv layers of 32, 64 channels, kernel 4; --hidden is not used) or sequence (text: bidirectional GRU encoder, autoregressive GRU decoder of --hidden units; --dataset text, names, spam-assassin: sequence)')
        .choices(['mlp', 'conv', 'sequence'])
        .default('mlp'),
    )
    .option('--embedding <n>', '--arch sequence: token embedding width', integerFlag(1, 4096), 32)
    .option('--word-dropout <share>', '--arch sequence: share of decoder input tokens replaced by <unk> in training (Bowman et al. 2016)', numberFlag(0), 0.25)
    .option('--language-model', '--arch sequence: the decoder ignores z, a plain conditional language model of the same size (the no-latent baseline)')
    .addOption(new Option('--decoder-condition <where>', 'where the mlp decoder sees c: input (with z only) or every-layer (also every hidden layer; --dataset mnist, fashion-mnist: every-layer)').choices(['input', 'every-layer']).default('input'))
    .option('--seed <n>', 'seed of initialisation, data order, noise and samples', integerFlag(0, 2 ** 32 - 1), 0)
    .option('--unconditional', 'ignore the condition (c = 1): a plain VAE baseline on the same data')
    .option('--data-dir <dir>', 'read the dataset files from this directory (raw or .gz)')
    .option('--train-size <n>', 'use only the first N training examples (quick runs)', integerFlag(1))
    .option('--test-size <n>', 'use only the first N test examples (quick runs)', integerFlag(1))
    .option('--config <file>', 'settings from a JSON or YAML file (keys are flag names); flags on the command line win')
    .option('--resume <dir>', 'continue the run in DIR from its last checkpoint, with the flags it was started with (see README: Checkpoints and resume)')
    .option('--quiet', 'plain lines, no progress bar')
    .option('--json', 'progress as JSON lines on stdout, one event per line (batch and epoch events); messages go to stderr')
    .addHelpText(
      'after',
      `
  Examples:
    $ cvae train --dataset mnist --epochs 10 --out runs/mnist
    $ cvae train --dataset fashion-mnist --prior learned --latent 16 --out runs/fashion
    $ cvae train --dataset tabular --csv penguins.csv --condition Species --out runs/penguins
    $ cvae train --config train.yaml --epochs 3        # flags win over the file
    $ cvae train --resume runs/mnist                    # continue an interrupted run
  `,
    )
    .action(async (given: TrainCommandOptions & { config?: string }, command: Command) => {
      const { options, fromFile } = given.config === undefined ? { options: given, fromFile: new Set<string>() } : await withConfigFile(given, command, given.config);
      const explicit = new Set(Object.keys(options).filter((flag) => command.getOptionValueSource(flag) !== 'default' || fromFile.has(flag)));
      await trainCommand({ ...options, explicit });
    });
  // Each built-in dataset brings its own flags (e.g. tabular's --csv, --condition).
  for (const option of datasetFlagOptions(DATASET_DESCRIPTORS)) train.addOption(option);

  program
    .command('sample')
    .description('reload a trained model and write a PNG grid, one row per class')
    .requiredOption('--model <dir>', 'the model/ directory written by `cvae train`')
    .addOption(backendOption())
    .addOption(threadsOption())
    .addOption(interOpThreadsOption())
    .option('--out <file>', 'PNG file to write', 'samples.png')
    .option('--n <count>', 'samples per class', integerFlag(1, 1000), 10)
    .option('--seed <n>', 'seed of the latent draws (the training seed reproduces samples.png)', integerFlag(0), 0)
    .option('--condition <name=value>', 'sample one condition only, e.g. digit=3 or gender=female (comma-separated for several attributes; a comma not followed by name= stays in the value: "city=Washington, DC")')
    .option('--given <col=value>', 'tables: fix generated columns too, e.g. Island=Biscoe or "Flipper Length (mm)=200..210" (comma-separated); the rest is completed')
    .option('--temperature <t>', 'text: softmax temperature of each drawn token (below 1: safer, above 1: wilder)', numberFlag(0, true), 1)
    .option('--greedy', 'text: the most likely token at each step instead of a draw')
    .option('--beam <width>', 'text: the likeliest text for each latent draw by beam search of this width', integerFlag(1, 100))
    .addOption(pluginOption())
    .addHelpText('after', '\nText models print `class<TAB>text` lines (or write them to --out FILE.txt).\nExamples:\n  $ cvae sample --model runs/mnist/model --out grid.png\n  $ cvae sample --model runs/names/model --condition gender=female --n 20 --temperature 0.8\n')
    .action(sampleCommand);

  const evaluate = program
    .command('eval')
    .description('reload a trained model and report -ELBO, IWAE NLL, bits/dim, KL per dimension and active units')
    .requiredOption('--model <dir>', 'the model/ directory written by `cvae train`')
    .addOption(backendOption())
    .addOption(threadsOption())
    .addOption(interOpThreadsOption())
    .option('--k <samples>', 'importance samples per example for the IWAE NLL', integerFlag(1, 100000), 1000)
    .addOption(new Option('--split <split>', 'which split to evaluate').choices(['train', 'test']).default('test'))
    .option('--data-dir <dir>', 'read the dataset files from this directory')
    .addOption(pluginOption())
    .option('--test-size <n>', 'evaluate only the first N test examples (quick checks)', integerFlag(1))
    .option('--seed <n>', 'seed of the noise draws', integerFlag(0), 0)
    .option('--control', 'also train a classifier on the real training images and report the share of samples it reads as their requested class, and a linear probe of c from z (leakage)')
    .option('--per-class <n>', '--control: samples per class', integerFlag(1, 100000), 1000)
    .option('--classifier-epochs <n>', '--control: epochs of the reading classifier', integerFlag(1, 1000), 5)
    .option('--json', 'print one JSON object and nothing else on stdout')
    .addHelpText('after', '\nExamples:\n  $ cvae eval --model runs/mnist/model --k 1000\n  $ cvae eval --model runs/penguins/model --k 100 --json\n')
    .action(evalCommand);
  // Dataset flags replace the ones saved with the model, e.g. --csv when the file moved.
  for (const option of datasetFlagOptions(DATASET_DESCRIPTORS, { forSavedModels: true })) evaluate.addOption(option);

  registerModelCommands(program);
  registerDensityCommands(program);
  return program;
}

/** Commander's codes for help and version output: not errors. */
const NOT_ERRORS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * A commander parse error (unknown flag, bad value, missing option) as a one-line `UsageError`
 * naming the flag and what it expects; `undefined` for help output; other errors as they are.
 *
 * @example
 * ```ts
 * await buildProgram().parseAsync(argv, { from: 'user' }).catch((e) => { throw asUserError(e, argv); });
 * ```
 */
export function asUserError(error: unknown, argv: readonly string[]): unknown {
  if (!(error instanceof CommanderError)) return error;
  if (NOT_ERRORS.has(error.code)) return undefined;
  const problem = error.message.replace(/^error: /, '').split('\n').filter(Boolean).join(' ');
  const command = COMMANDS.includes(argv[0] ?? '') ? `cvae ${argv[0]}` : 'cvae';
  return new UsageError(problem, { fix: `see \`${command} --help\`` });
}

/**
 * Runs `cvae` with `argv` (the arguments after the script) and returns the exit code: 0, 1 for an
 * error in the input or the environment, 2 for a usage error (a bad flag, value or config key).
 * Every error a user can cause is printed as one line, `[cvae] [part] problem; fix: ...`.
 *
 * @example
 * ```ts
 * process.exitCode = await runProgram(process.argv.slice(2));
 * ```
 */
export async function runProgram(argv: readonly string[], stderr: (text: string) => void = (text) => process.stderr.write(text)): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (thrown) {
    // Help asked for (0), or shown because no command was given (1).
    if (thrown instanceof CommanderError && NOT_ERRORS.has(thrown.code)) return thrown.exitCode;
    const error = asUserError(thrown, argv);
    // Errors a user can cause carry a complete one-line message ("[cvae] [part] ...; fix: ..."): print it without a stack.
    const message = error instanceof Error ? error.message : String(error);
    if (CvaeError.is(error)) {
      stderr(`${message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
    stderr(`[cvae] unexpected error: ${error instanceof Error ? error.stack : message}\n`);
    return 1;
  }
}

/** The command names, for the help hint of a usage error. */
const COMMANDS = buildProgram().commands.map((c) => c.name());
