// Shared by the tabular bench scripts: a run's saved model (wasm backend) and its table rebuilt from the manifest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '@cvae/core';
import { wasmBackend } from '@cvae/backend-wasm';
import { TabularAdapter } from '@cvae/datasets';

/** Loads RUN_DIR/model and the TabularAdapter its manifest describes (CSV path and dataset flags as trained). */
export async function savedRun(runDir) {
  await wasmBackend().init();
  const manifest = JSON.parse(readFileSync(join(runDir, 'model', 'model.json'), 'utf8'));
  const model = await loadModel(manifest, new Uint8Array(readFileSync(join(runDir, 'model', manifest.weights.file))), join(runDir, 'model'));
  const o = manifest.dataset.source.options;
  const adapter = new TabularAdapter({ csv: o.csv, condition: o.condition.split(','), schema: o.kinds, missing: o.missing, continuous: o.continuous, combinations: o.combinations, validationFraction: o.validation });
  await adapter.load();
  return { model, adapter };
}
