import { DATASET_DESCRIPTORS } from '@cvae/datasets';
import { Option, type Command } from 'commander';
import { doctorCommand } from './commands/doctor.js';
import { infoCommand } from './commands/info.js';
import { interpolateCommand } from './commands/interpolate.js';
import { latentCommand } from './commands/latent.js';
import { reconstructCommand } from './commands/reconstruct.js';
import { reportCommand } from './commands/report.js';
import { rewriteCommand } from './commands/rewrite.js';
import { BACKEND_NAMES } from './compose/backends.js';
import { datasetFlagOptions, integerFlag } from './parse-flags.js';

/** `--plugin` of the commands that read a model: a model folder never names the code to run, the user does. */
export const pluginOption = () => new Option('--plugin <module>', 'the dataset plugin of a model trained with --plugin (a model folder never loads code by itself)');

/** `--backend`, shared by every command that computes. */
export const backendOption = () => new Option('--backend <name>', `compute backend: ${BACKEND_NAMES.join(', ')}`).default('auto');

/** `--threads`, shared by every command that computes (`--backend`'s pool size). */
export const threadsOption = () =>
  new Option('--threads <n>', "compute threads: the wasm pool (default: cores, at most 4) or the node intra-op pool (default: TensorFlow's)").argParser(integerFlag(1, 8));

/** `--inter-op-threads N`: TensorFlow's inter-op pool on the node backend (ignored by wasm and cpu). */
export const interOpThreadsOption = () =>
  new Option('--inter-op-threads <n>', "node backend: TensorFlow's inter-op pool, ops that may run at once (default: TensorFlow's; 1 can help small MLPs)").argParser(integerFlag(1, 8));

/**
 * A command that reads a trained model and its test data: `--model DIR`, `--backend`, and the
 * dataset flags that may replace the ones saved with the model (e.g. `--csv` when the file moved).
 */
export function modelCommand(program: Command, name: string, description: string, examples: readonly string[]): Command {
  const command = program
    .command(name)
    .description(description)
    .requiredOption('--model <dir>', 'the model/ directory written by `cvae train`')
    .addOption(backendOption())
    .addOption(threadsOption())
    .addOption(interOpThreadsOption())
    .option('--data-dir <dir>', 'read the dataset files from this directory (default: where training read them)')
    .addOption(pluginOption())
    .addHelpText('after', `\nExamples:\n${examples.map((e) => `  $ ${e}`).join('\n')}\n`);
  for (const option of datasetFlagOptions(DATASET_DESCRIPTORS, { forSavedModels: true })) command.addOption(option);
  return command;
}

/**
 * Registers the commands that inspect a trained model (reconstruct, interpolate, latent, info)
 * and the machine (doctor).
 *
 * @example
 * ```ts
 * registerModelCommands(new Command('cvae'));
 * ```
 */
export function registerModelCommands(program: Command): void {
  modelCommand(program, 'reconstruct', 'write test examples beside their reconstructions (PNG for images, CSV for records, lines for text)', [
    'cvae reconstruct --model runs/mnist/model --n 10 --out recon.png',
    'cvae reconstruct --model runs/penguins/model --n 20 --out recon.csv',
  ])
    .option('--out <file>', 'PNG (images) or CSV (records) to write', 'reconstructions.png')
    .option('--n <count>', 'test examples', integerFlag(1, 1000), 10)
    .action(reconstructCommand);

  modelCommand(program, 'interpolate', 'walk the latent space between two test examples (images, or texts as lines), and move the condition at a fixed style', [
    'cvae interpolate --model runs/mnist/model --from 0 --to 1 --steps 10 --out walk.png',
  ])
    .option('--out <file>', 'PNG to write', 'interpolation.png')
    .option('--steps <n>', 'images along each walk', integerFlag(2, 100), 10)
    .option('--from <index>', 'first test example (0-based)', integerFlag(0), 0)
    .option('--to <index>', 'second test example (0-based)', integerFlag(0), 1)
    .action(interpolateCommand);

  modelCommand(program, 'rewrite', 'text: encode test texts under their own class and decode them under another (editing with attribute control)', [
    'cvae rewrite --model runs/names/model --to gender=male --n 20',
  ])
    .requiredOption('--to <name=value>', 'the class to rewrite into, e.g. gender=male')
    .option('--n <count>', 'test texts of other classes to rewrite', integerFlag(1, 1000), 10)
    .option('--out <file>', 'a .txt file to write (default: print)')
    .action(rewriteCommand);

  modelCommand(program, 'latent', 'map the test set in latent space (PCA above 2-D), coloured by label; a 2-D model also gets its decoded manifold', [
    'cvae latent --model runs/mnist/model --n 2000 --out latent.png',
  ])
    .option('--out <file>', 'PNG to write', 'latent.png')
    .option('--n <count>', 'test examples to map', integerFlag(1, 100_000), 2000)
    .option('--grid <n>', 'side of the manifold grid of a 2-D model', integerFlag(2, 50), 15)
    .action(latentCommand);

  modelCommand(program, 'report', 'a summary of a model: the quality report for tables (text + JSON), an HTML page for images', [
    'cvae report --model runs/penguins/model --out quality.json',
    'cvae report --model runs/mnist/model --out report.html',
  ])
    .option('--out <file>', 'the report to write: JSON for tables, HTML for images', 'report.html')
    .option('--seed <n>', 'seed of the synthetic rows or samples', integerFlag(0), 0)
    .option('--json', 'print one JSON object and nothing else on stdout')
    .action(reportCommand);

  program
    .command('info')
    .description('what a model folder holds: format, configuration, dataset, training summary, checksum status')
    .requiredOption('--model <dir>', 'the model/ directory written by `cvae train`')
    .option('--json', 'print one JSON object and nothing else on stdout')
    .addHelpText('after', '\nExamples:\n  $ cvae info --model runs/mnist/model\n  $ cvae info --model runs/mnist/model --json\n')
    .action(infoCommand);

  program
    .command('doctor')
    .description('which backends load here (and why not), threads, SIMD, and which dataset sources are found')
    .option('--json', 'print one JSON object and nothing else on stdout')
    .addHelpText('after', '\nExamples:\n  $ cvae doctor\n')
    .action(doctorCommand);
}
