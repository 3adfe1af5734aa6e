import { Option, type Command } from 'commander';
import { classifyCommand } from './commands/classify.js';
import { imputeCommand } from './commands/impute.js';
import { inpaintCommand, MASKS } from './commands/inpaint.js';
import { scoreCommand } from './commands/score.js';
import { modelCommand } from './model-commands.js';
import { integerFlag, numberFlag } from './parse-flags.js';

/** A model command with the split's size and a seed: what every density command takes. */
function densityCommand(program: Command, name: string, description: string, example: string): Command {
  return modelCommand(program, name, description, [example])
    .option('--test-size <n>', 'use only the first N test examples', integerFlag(1))
    .option('--seed <n>', 'seed of the noise draws', integerFlag(0), 0);
}

const splitOption = () => new Option('--split <split>', 'which split').choices(['train', 'test']).default('test');

/**
 * Registers the commands that use the CVAE as a conditional density model: score, classify, inpaint, impute.
 *
 * @example
 * ```ts
 * registerDensityCommands(new Command('cvae'));
 * ```
 */
export function registerDensityCommands(program: Command): void {
  densityCommand(program, 'score', 'per-example -ELBO and IWAE -log p(x|c) of a split or an IDX image file, as CSV (high = unlikely); --ood adds the input-complexity score', 'cvae score --model runs/mnist/model --k 100 --out scores.csv')
    .addHelpText('after', '  $ cvae score --model runs/fashion-mnist/model --input t10k-images-idx3-ubyte --k 10 --out ood.csv\n')
    .addOption(splitOption())
    .option('--input <file>', 'score an IDX image file (raw or .gz) instead of a split, binarised once; --test-size keeps the first N')
    .option('--labels <file>', 'the IDX labels of --input (without them only the OOD columns are written)')
    .option('--ood', 'image models with a class condition: add -log p(x) over the classes, L(x) (PNG bits) and S(x) = -log2 p(x) - L(x) (Serrà et al. 2020)')
    .option('--k <samples>', 'importance samples per example', integerFlag(1, 100_000), 100)
    .option('--out <file>', 'CSV to write', 'scores.csv')
    .option('--json', 'print one JSON summary and nothing else on stdout')
    .action(scoreCommand);

  densityCommand(program, 'classify', 'generative classification p(c|x) ∝ p(x|c) p(c); flags the least probable given labels', 'cvae classify --model runs/mnist/model --k 20 --out posterior.csv')
    .addOption(splitOption())
    .option('--k <samples>', 'importance samples per example and class', integerFlag(1, 100_000), 20)
    .option('--flags <n>', 'how many least probable labels to list', integerFlag(0), 20)
    .option('--out <file>', 'CSV of the posterior per example', 'posterior.csv')
    .option('--json', 'print one JSON summary and nothing else on stdout')
    .action(classifyCommand);

  densityCommand(program, 'inpaint', 'hide part of test images and complete it from p(x_missing | x_observed, c)', 'cvae inpaint --model runs/mnist/model --mask bottom --n 8 --draws 3 --out inpaint.png')
    .addOption(new Option('--mask <part>', 'the part hidden').choices([...MASKS]).default('bottom'))
    .option('--fraction <share>', 'share of pixels the random mask hides', numberFlag(0, true), 0.5)
    .option('--n <count>', 'test images', integerFlag(1, 100), 8)
    .option('--draws <count>', 'completions per image (independent chains)', integerFlag(1, 20), 3)
    .option('--iterations <n>', 'Gibbs sweeps per chain', integerFlag(1, 100_000), 200)
    .option('--out <file>', 'PNG to write', 'inpaint.png')
    .action(inpaintCommand);

  modelCommand(program, 'impute', 'fill the empty cells of a CSV from p(x_missing | x_observed, c) of a tabular model (multiple imputation with --draws)', [
    'cvae impute --model runs/penguins/model --input gaps.csv --out filled.csv',
    'cvae impute --model runs/penguins/model --input gaps.csv --draws 5 --out imputations.csv',
  ])
    .requiredOption('--input <file>', 'CSV with the training columns (header row); empty cells are filled, condition cells must be given')
    .option('--out <file>', 'CSV to write: the input with its empty cells filled; with --draws N > 1, columns .imp and .id first and N rows per input row', 'imputed.csv')
    .option('--draws <count>', 'completions per row (independent chains): multiple imputation', integerFlag(1, 1000), 1)
    .option('--iterations <n>', 'Gibbs sweeps per chain', integerFlag(1, 100_000), 200)
    .option('--delimiter <char>', 'field delimiter of --input (default: the training CSV\'s)')
    .option('--seed <n>', 'seed of the noise draws', integerFlag(0), 0)
    .option('--json', 'print one JSON summary and nothing else on stdout')
    .action(imputeCommand);
}
