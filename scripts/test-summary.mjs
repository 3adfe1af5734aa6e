// Adds up the vitest JSON reports of every workspace package into one closing line,
// "N passed, N failed, N skipped", and lists every skipped test so a skip is never silent.
import { existsSync, readFileSync } from 'node:fs';

const packages = ['packages/core', 'packages/backend-node', 'packages/backend-wasm', 'packages/datasets', 'apps/cli', 'apps/plugin-sample', 'apps/playground', 'tests/consumer'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of packages) {
  const file = new URL(`../${dir}/test-results.json`, import.meta.url);
  if (!existsSync(file)) {
    console.error(`[test-summary] ${dir}/test-results.json is missing: its tests did not run`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status === 'skipped' || test.status === 'pending') console.log(`skipped: ${dir}: ${test.fullName}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
