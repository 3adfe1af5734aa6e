// Trains `cvae train --dataset tabular` (CLI defaults) on each public table for seeds 0-2 and collects its report:
// pair-trend progress, column shapes, constraint adherence, DCR share, exact copies, utility (TSTR vs TRTR).
// One command (heavy: run under the lock): flock /work/heavy.lock node bench/tabular/quality.mjs [table,...] [seeds]
// e.g. node bench/tabular/quality.mjs penguins,cars 0,1,2. Writes bench/results/tabular/summary.json and prints a table.
// TAG=modes node bench/tabular/quality.mjs birdstrikes 0 --continuous modes: a variant, in runs/tab-birdstrikes-s0-modes
// and under the key birdstrikes/0/modes (the before/after figures of docs/tabular.md).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES, writeTables } from './tables.mjs';

const names = (process.argv[2] ?? Object.keys(TABLES).join(',')).split(',');
const seeds = (process.argv[3] ?? '0,1,2').split(',').map(Number);
const extra = process.argv.slice(4); // extra train flags, e.g. --steps ablations
const tag = process.env.TAG ? `-${process.env.TAG}` : '';
const paths = writeTables();
const out = 'bench/results/tabular';
mkdirSync(out, { recursive: true });
const summaryFile = join(out, 'summary.json');
const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : {};
for (const name of names) {
  const table = TABLES[name];
  for (const seed of seeds) {
    const dir = join('runs', `tab-${name}-s${seed}${tag}`);
    const started = Date.now();
    execFileSync('node', ['apps/cli/bin/cvae.js', 'train', '--dataset', 'tabular', '--csv', paths[name], '--condition', table.condition, ...table.flags, '--seed', String(seed), '--out', dir, ...extra], { stdio: ['ignore', 'inherit', 'inherit'] });
    const q = JSON.parse(readFileSync(join(dir, 'quality.json'), 'utf8'));
    summary[`${name}/${seed}${tag.replace('-', '/')}`] = {
      table: name, seed, seconds: (Date.now() - started) / 1000, extra, load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
      overall: q.overall, columnShapes: q.columnShapes, pairTrendsProgress: q.pairTrendsProgress,
      adherence: q.constraints.final, adherenceDrawn: q.constraints.drawn,
      dcrShare: q.privacy.dcrShare, copies: q.privacy.exactCopies,
      utility: q.utility?.scores, majority: q.utility?.majority,
    };
    writeFileSync(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  }
}
const pct = (v) => (v === undefined ? '-' : `${(v * 100).toFixed(1)}`);
console.log('table/seed | overall | progress | DCR share | copies syn/holdout % | LR syn/real | RF syn/real | adherence');
for (const [key, s] of Object.entries(summary)) {
  const [lr, rf] = s.utility ?? [];
  console.log(`${key} | ${s.overall.toFixed(3)} | ${pct(s.pairTrendsProgress)}% | ${s.dcrShare.toFixed(3)} | ${pct(s.copies.syntheticShare)}/${pct(s.copies.holdoutShare)} | ${pct(lr?.synthetic)}/${pct(lr?.real)} | ${pct(rf?.synthetic)}/${pct(rf?.real)} | ranges ${pct(s.adherence.ranges)} comb ${pct(s.adherence.combinations)}`);
}
