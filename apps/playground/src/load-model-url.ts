import { loadModel, ModelFormatError, WEIGHTS_FILE, type Cvae, type ModelManifest } from '@cvae/core';
import { fetchBytes } from './idx.js';

/**
 * Loads a model saved by `cvae train` (OUT/model/model.json + weights.bin) from a URL: the
 * manifest, then the weights file beside it; `loadModel` checks the format, the sha256 checksum
 * (WebCrypto) and every tensor's shape.
 */
export async function loadModelFromUrl(manifestUrl: string): Promise<{ model: Cvae; manifest: ModelManifest }> {
  const url = new URL(manifestUrl, document.baseURI);
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`[cvae] [model] ${url.pathname}: HTTP ${response.status}; fix: train one with \`npm run playground\` (it trains a quick model when none exists) or pass ?model=URL`);
  }
  let manifest: ModelManifest;
  try {
    manifest = (await response.json()) as ModelManifest;
  } catch (error) {
    throw new ModelFormatError(`${url.pathname} is not valid JSON (${(error as Error).message}). Fix: serve the model.json written by \`cvae train\`.`);
  }
  const weights = await fetchBytes(new URL(manifest.weights?.file ?? WEIGHTS_FILE, url).href);
  const model = await loadModel(manifest, weights, url.pathname.replace(/\/[^/]*$/, ''));
  return { model, manifest };
}
