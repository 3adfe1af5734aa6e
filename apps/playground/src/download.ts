import { MANIFEST_FILE, saveModel, type Cvae, type DatasetSpec } from '@cvae/core';

/**
 * Saves a model as the two files `cvae sample --model DIR` reads (model.json + weights.bin) and
 * returns a link for each (object URLs; revoke them when replaced).
 */
export async function modelDownloadLinks(model: Cvae, dataset: { id: string; spec: DatasetSpec }, training: Record<string, unknown>): Promise<HTMLAnchorElement[]> {
  const { manifest, weights } = await saveModel(model, { dataset, training });
  const files: [string, Blob][] = [
    [MANIFEST_FILE, new Blob([`${JSON.stringify(manifest, null, 2)}\n`], { type: 'application/json' })],
    [manifest.weights.file, new Blob([weights as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' })],
  ];
  return files.map(([name, blob]) => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.textContent = `download ${name}`;
    link.dataset.testid = `download-${name.replace(/\..*/, '')}`;
    return link;
  });
}
