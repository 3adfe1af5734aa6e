import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMemoryBudget, estimateTable } from './memory-budget.js';

describe('memory budget of a CSV', () => {
  it('estimates rows past the sampled first megabyte within 5%, from the file size', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'cvae-budget-')), 'long.csv');
    const rows = 200_000; // ~3.4 MB: the estimate sees the first 1 MB only
    await writeFile(path, ['a,b,label', ...Array.from({ length: rows }, (_, i) => `${i % 997},${(i * 7) % 13},${i % 3 ? 'x' : 'yy'}`)].join('\n') + '\n');
    const estimate = await estimateTable(path, ',');
    expect(estimate!.columns).toBe(3);
    expect(Math.abs(estimate!.rows - rows) / rows).toBeLessThan(0.05);
    expect(estimate!.bytes).toBe(estimate!.rows * 3 * 8);
    await expect(checkMemoryBudget(path, ',', 2 ** 20)).rejects.toThrow(/long\.csv: about \d+ rows x 3 columns would take ~4\.\d MB in memory .*more than the memory budget of 1\.0 MB/);
    await expect(checkMemoryBudget(path, ',', 2 ** 30)).resolves.toBeUndefined();
  });
});
