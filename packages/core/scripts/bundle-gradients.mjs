// tfjs-core's Node bundle (dist/tf-core.node.js) registers no gradients, and the file that does
// (dist/register_all_gradients.js) is extension-less ESM that plain Node cannot import.
// We inline that file and the tfjs-core internals it uses into dist/src/register-gradients.js.
// The inlined copy shares tfjs's global engine and gradient registry (both live on the global
// namespace), so registering gradients from it is visible to the @tensorflow/tfjs-core the app uses.
//
// Browsers: bundlers (Vite, webpack, esbuild) import tfjs-core's ESM gradient file fine, and the
// inlined internals would be a second partial copy of tfjs-core in the page. So the tsc output is
// kept as register-gradients.browser.js, which package.json's `browser` field maps this file to.
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

copyFileSync('dist/src/register-gradients.js', 'dist/src/register-gradients.browser.js');

const gradientsEntry = '@tensorflow/tfjs-core/dist/register_all_gradients';
const keepOtherPackagesExternal = {
  name: 'externals-except-gradients',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path === gradientsEntry ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  entryPoints: ['dist/src/register-gradients.js'],
  outfile: 'dist/src/register-gradients.js',
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [keepOtherPackagesExternal],
  logLevel: 'warning',
});
