import { describe, expect, it } from 'vitest';
import { repeatRows } from './repeat-rows.js';

describe('repeatRows', () => {
  it('repeats one row, or each of several rows in turn', () => {
    expect(Array.from(repeatRows(new Float32Array([0, 1]), 3))).toEqual([0, 1, 0, 1, 0, 1]);
    expect(Array.from(repeatRows(new Float32Array([1, 2, 3, 4]), 2, 2))).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
    expect(repeatRows(new Float32Array([1]), 0)).toHaveLength(0);
  });

  it('refuses rows that do not divide evenly', () => {
    expect(() => repeatRows(new Float32Array(5), 2, 2)).toThrow(/5 values do not make rows of 2/);
  });
});
