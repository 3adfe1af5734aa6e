import { describeBadInputs, type BadInputCase } from '@cvae/core/testing';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { asUserError, buildProgram } from '../../src/program.js';

let dir: string;
let out: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cvae-flags-corpus-'));
  out = join(dir, 'never');
});

/** Parses `argv` as `cvae` does (in this process) and throws what the user would read. */
async function parse(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
  } catch (error) {
    throw asUserError(error, argv);
  }
  throw new Error(`accepted: cvae ${argv.join(' ')}`);
}

interface FlagCase extends BadInputCase {
  readonly argv: readonly string[];
}

/** `cvae train --dataset mnist <flag> <value>`: a value out of the flag's range is refused before anything loads. */
const train = (flag: string, value: string, says: RegExp): FlagCase => ({ name: `train ${flag} ${value}`, input: flag, says, argv: ['train', '--dataset', 'mnist', flag, value] });
/** `text` as a literal inside a RegExp. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const integer = (range: string, value: string) => new RegExp(`argument '${literal(value)}' is invalid\\. expected an integer ${range}, found "${literal(value)}"; fix: see \`cvae train --help\``);
const number = (range: string) => new RegExp(`is invalid\\. expected a number ${literal(range)}, found`);

const FLAG_CASES: FlagCase[] = [
  train('--epochs', '0', integer('in 1\\.\\.100000', '0')),
  train('--epochs', '100001', integer('in 1\\.\\.100000', '100001')),
  train('--epochs', '2.5', integer('in 1\\.\\.100000', '2.5')),
  train('--epochs', 'ten', integer('in 1\\.\\.100000', 'ten')),
  train('--batch-size', '0', integer('in 1\\.\\.65536', '0')),
  train('--batch-size', '70000', integer('in 1\\.\\.65536', '70000')),
  train('--lr', '0', number('> 0 and <= 1')),
  train('--lr', '-0.1', number('> 0 and <= 1')),
  train('--lr', '10', number('> 0 and <= 1')),
  train('--lr', 'fast', number('> 0 and <= 1')),
  train('--beta', '-1', number('>= 0')),
  train('--warmup', '0', number('> 0 and <= 1')),
  train('--warmup', '1.5', number('> 0 and <= 1')),
  train('--cycles', '0', integer('>= 1', '0')),
  train('--latent', '0', integer('in 1\\.\\.4096', '0')),
  train('--latent', '5000', integer('in 1\\.\\.4096', '5000')),
  train('--hidden', '0', /expected comma-separated positive integers such as 512,256, found "0"/),
  train('--hidden', '512,-1', /expected comma-separated positive integers such as 512,256, found "512,-1"/),
  train('--hidden', 'wide', /expected comma-separated positive integers .*found "wide"/),
  train('--seed', '-1', integer('in 0\\.\\.4294967295', '-1')),
  train('--seed', '1.5', integer('in 0\\.\\.4294967295', '1.5')),
  train('--threads', '0', integer('in 1\\.\\.8', '0')),
  train('--threads', '9', integer('in 1\\.\\.8', '9')),
  train('--inter-op-threads', '0', integer('in 1\\.\\.8', '0')),
  train('--lr-end', '0', number('> 0 and <= 1')),
  train('--lr-end', '2', number('> 0 and <= 1')),
  train('--top-latent', '0', integer('in 1\\.\\.4096', '0')),
  train('--top-hidden', '256,0', /expected comma-separated positive integers such as 512,256, found "256,0"/),
  train('--free-bits', '-1', number('>= 0')),
  train('--independence', '-0.5', number('>= 0')),
  train('--clip-norm', '-1', number('> 0')),
  train('--clip-norm', 'Infinity', number('> 0')),
  train('--train-size', '0', integer('>= 1', '0')),
  train('--kl-schedule', 'sigmoid', /argument 'sigmoid' is invalid\. Allowed choices are constant, linear, cyclical\./),
  train('--prior', 'gaussian', /Allowed choices are standard, learned\./),
  train('--arch', 'resnet', /Allowed choices are mlp, conv, sequence\./),
  train('--decoder-condition', 'everywhere', /Allowed choices are input, every-layer\./),
  train('--kinds', 'a=float', /expected COLUMN=VALUE pairs with VALUE one of continuous, .*found "a=float"/),
  train('--missing', 'a=zero', /expected COLUMN=VALUE pairs with VALUE one of drop, impute, category, found "a=zero"/),
  train('--continuous', 'log', /--continuous takes standard, modes, quantile or auto, found "log"/),
  { name: 'train --epoch (misspelt flag)', input: "'--epoch'", says: /unknown option '--epoch' \(Did you mean --epochs\?\); fix: see `cvae train --help`/, argv: ['train', '--epoch', '3'] },
  { name: 'train --lr without its value', input: "'--lr <rate>'", says: /option '--lr <rate>' argument missing/, argv: ['train', '--dataset', 'mnist', '--lr'] },
  { name: 'a misspelt command', input: "'trian'", says: /unknown command 'trian' \(Did you mean train\?\); fix: see `cvae --help`/, argv: ['trian'] },
  { name: 'sample without --model', input: "'--model <dir>'", says: /required option '--model <dir>' not specified; fix: see `cvae sample --help`/, argv: ['sample'] },
  { name: 'sample --n 0', input: "'--n <count>'", says: /expected an integer in 1\.\.1000, found "0"/, argv: ['sample', '--model', 'm', '--n', '0'] },
  { name: 'sample --threads 9', input: "'--threads <n>'", says: /expected an integer in 1\.\.8, found "9"; fix: see `cvae sample --help`/, argv: ['sample', '--model', 'm', '--threads', '9'] },
  { name: 'eval --inter-op-threads 9', input: "'--inter-op-threads <n>'", says: /expected an integer in 1\.\.8, found "9"; fix: see `cvae eval --help`/, argv: ['eval', '--model', 'm', '--inter-op-threads', '9'] },
  { name: 'classify --threads 0', input: "'--threads <n>'", says: /expected an integer in 1\.\.8, found "0"; fix: see `cvae classify --help`/, argv: ['classify', '--model', 'm', '--threads', '0'] },
  { name: 'eval --k 0', input: "'--k <samples>'", says: /expected an integer in 1\.\.100000, found "0"/, argv: ['eval', '--model', 'm', '--k', '0'] },
  { name: 'eval --split validation', input: "'validation'", says: /Allowed choices are train, test\./, argv: ['eval', '--model', 'm', '--split', 'validation'] },
  { name: 'interpolate --steps 1', input: "'--steps <n>'", says: /expected an integer in 2\.\.100, found "1"/, argv: ['interpolate', '--model', 'm', '--steps', '1'] },
  { name: 'latent --grid 1', input: "'--grid <n>'", says: /expected an integer in 2\.\.50, found "1"/, argv: ['latent', '--model', 'm', '--grid', '1'] },
  { name: 'inpaint --mask middle', input: "'middle'", says: /Allowed choices are /, argv: ['inpaint', '--model', 'm', '--mask', 'middle'] },
];

describeBadInputs('command-line flags', FLAG_CASES, (c) => parse(c.argv));

interface ConfigCase extends BadInputCase {
  readonly file: string;
  readonly text?: string;
}
const CONFIG_CASES: ConfigCase[] = [
  { name: 'a misspelt key', file: 'typo.yaml', input: 'typo.yaml', says: /unknown setting "latnet"; fix: did you mean "latent"\?/, text: 'dataset: mnist\nlatnet: 2\n' },
  { name: 'a key in camelCase that is not a flag', file: 'camel.json', input: 'camel.json', says: /unknown setting "learningRate"; fix: did you mean "/, text: '{"dataset":"mnist","learningRate":0.1}' },
  { name: 'epochs out of range', file: 'epochs.yaml', input: 'epochs.yaml', says: /"epochs": expected an integer in 1\.\.100000, found "0"/, text: 'dataset: mnist\nepochs: 0\n' },
  { name: 'lr out of range', file: 'lr.json', input: 'lr.json', says: /"lr": expected a number > 0 and <= 1, found "5"/, text: '{"dataset":"mnist","lr":5}' },
  { name: 'hidden with a zero width', file: 'hidden.yaml', input: 'hidden.yaml', says: /"hidden": expected comma-separated positive integers .*found "512,0"/, text: 'dataset: mnist\nhidden: [512, 0]\n' },
  { name: 'a schedule not among the choices', file: 'schedule.yaml', input: 'schedule.yaml', says: /"kl-schedule" must be one of constant, linear, cyclical, found "sigmoid"/, text: 'dataset: mnist\nkl-schedule: sigmoid\n' },
  { name: 'clip-norm negative', file: 'clip.yaml', input: 'clip.yaml', says: /"clip-norm": expected a number > 0, found "-2"/, text: 'dataset: mnist\nclip-norm: -2\n' },
  { name: 'a YAML list instead of settings', file: 'list.yaml', input: 'list.yaml', says: /must hold an object of flag names and values/, text: '- dataset\n- mnist\n' },
  { name: 'invalid JSON', file: 'broken.json', input: 'broken.json', says: /is not valid JSON: /, text: '{"dataset": "mnist",' },
  { name: 'invalid YAML', file: 'broken.yaml', input: 'broken.yaml', says: /is not valid YAML: /, text: 'dataset: [mnist\n' },
  { name: 'a config file that does not exist', file: 'absent.yaml', input: 'absent.yaml', says: /the file does not exist or cannot be read/ },
];

describeBadInputs('config files', CONFIG_CASES, async (c) => {
  const path = join(dir, c.file);
  if (c.text !== undefined) await writeFile(path, c.text);
  const refused = await parse(['train', '--config', path, '--out', out]).then(() => undefined, (error: unknown) => error);
  // Refused before anything is written.
  if (existsSync(out)) throw new Error(`${out} was created`);
  throw refused;
});
