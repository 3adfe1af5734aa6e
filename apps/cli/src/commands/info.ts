import { sha256Hex } from '@cvae/core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest } from '../output/model-dir.js';

export interface InfoCommandOptions {
  readonly model: string;
  readonly json?: boolean;
}

/**
 * `cvae info`: what a model folder holds — format and version, configuration, dataset, training
 * summary — and whether its weights match the manifest's checksum. Loads no backend.
 *
 * @example
 * ```ts
 * await infoCommand({ model: 'runs/x/model', json: true });
 * ```
 */
export async function infoCommand(options: InfoCommandOptions): Promise<void> {
  // Structure checked (and size bounded) before anything is read from it: the weights file name is a plain name.
  const manifest = await readManifest(options.model);
  const weightsPath = join(options.model, manifest.weights.file);
  const weights = await readFile(weightsPath).catch(() => undefined);
  const found = weights === undefined ? undefined : await sha256Hex(new Uint8Array(weights));
  const checksum = weights === undefined ? 'missing' : found === manifest.weights?.sha256 ? 'ok' : 'mismatch';
  const parameters = (manifest.weights?.entries ?? []).reduce((n, e) => n + e.shape.reduce((a, b) => a * b, 1), 0);
  const info = {
    model: options.model,
    format: manifest.format,
    formatVersion: manifest.formatVersion,
    createdBy: manifest.createdBy,
    config: manifest.config,
    dataset: manifest.dataset && { id: manifest.dataset.id, name: manifest.dataset.spec.name, source: manifest.dataset.source },
    training: manifest.training,
    parameters,
    weights: { file: weightsPath, bytes: weights?.byteLength, sha256: manifest.weights?.sha256, checksum },
  };
  if (options.json) {
    process.stdout.write(`${JSON.stringify(info)}\n`);
  } else {
    const c = manifest.config;
    const final = (manifest.training?.final as { test?: { negElbo?: number } } | undefined)?.test?.negElbo;
    const lines = [
      `model       ${options.model} (${manifest.format} v${manifest.formatVersion}, ${parameters.toLocaleString('en')} parameters)`,
      `dataset     ${manifest.dataset?.id ?? '(none)'}${manifest.dataset?.source ? ` — samples as ${manifest.dataset.source.present}` : ''}`,
      `network     ${c.architecture.kind} ${c.architecture.kind === 'mlp' ? c.encoderHidden.join('-') : ''}, latent ${c.latentSize}${c.topLatent === undefined ? '' : ` under a top layer of ${c.topLatent.size} (${c.topLatent.hidden.join('-')})`}, ${c.activation}, prior ${c.prior.kind}${c.prior.kind === 'learned' && c.prior.components > 1 ? ` (a mixture of ${c.prior.components} Gaussians)` : ''}`,
      `likelihood  ${c.likelihood.kind}`,
      `training    ${manifest.training ? `${String(manifest.training.epochs)} epochs on ${String(manifest.training.backend)}${final === undefined ? '' : `, final test -ELBO ${final.toFixed(2)} nats`}` : '(no summary)'}`,
      `weights     ${weightsPath}: checksum ${checksum}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (checksum !== 'ok') process.exitCode = 1;
}
