import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeLines } from './text-lines.js';

describe('writeLines', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cvae-lines-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a .txt file whole, one line per row, and leaves no temporary file', async () => {
    const out = join(dir, 'samples.txt');
    expect(await writeLines(out, ['a\tone', 'b\ttwo'])).toBe(out);
    expect(await readFile(out, 'utf8')).toBe('a\tone\nb\ttwo\n');
    expect(await readdir(dir)).toEqual(['samples.txt']);
  });

  it('keeps the previous file when the new one cannot be written', async () => {
    const out = join(dir, 'samples.txt');
    await writeFile(out, 'earlier run\n');
    // The staging file's name is taken by a directory: the write fails before anything replaces `out`.
    await mkdir(`${out}.tmp-${process.pid}`);
    await expect(writeLines(out, ['new'])).rejects.toThrow();
    expect(await readFile(out, 'utf8')).toBe('earlier run\n');
  });
});
