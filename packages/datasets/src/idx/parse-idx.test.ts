import { describe, expect, it } from 'vitest';
import { idxBytes } from '../../test/idx-bytes.js';
import { IdxFormatError } from './idx-format-error.js';
import { parseIdx } from './parse-idx.js';

const thrown = (fn: () => unknown): IdxFormatError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(IdxFormatError);
    return error as IdxFormatError;
  }
  throw new Error('expected an IdxFormatError, nothing was thrown');
};

describe('parseIdx', () => {
  it('parses a 3-d image file: dims in order, data row-major', () => {
    const pixels = Array.from({ length: 2 * 3 * 2 }, (_, i) => i * 10);
    const { dims, data } = parseIdx(idxBytes([2, 3, 2], pixels), 'images', { ndims: 3 });
    expect(dims).toEqual([2, 3, 2]);
    expect(Array.from(data)).toEqual(pixels);
  });

  it('parses a 1-d label file and reads dims as big-endian uint32', () => {
    const labels = Array.from({ length: 300 }, (_, i) => i % 10);
    const { dims, data } = parseIdx(idxBytes([300], labels), 'labels', { ndims: 1 });
    expect(dims).toEqual([300]); // 300 = 0x0000012c: little-endian would read 0x2c010000
    expect(data[299]).toBe(9);
  });

  it('returns a view into the input rather than a copy', () => {
    const bytes = idxBytes([2], [5, 6]);
    const { data } = parseIdx(bytes, 'labels');
    expect(data.buffer).toBe(bytes.buffer);
    expect(data.byteOffset).toBe(8);
  });

  it('refuses a wrong type byte, naming the file and both magic numbers in hex', () => {
    const error = thrown(() => parseIdx(idxBytes([2, 2, 2], new Array(8).fill(0), 0x0d), 'x-images', { ndims: 3 }));
    expect(error.message).toMatch(/^\[cvae\] \[idx\] x-images: /);
    expect(error.message).toContain('expected 0x00000803');
    expect(error.message).toContain('found 0x00000d03');
    expect(error.fileName).toBe('x-images');
  });

  it('refuses a label file where an image file is expected (ndims mismatch)', () => {
    const error = thrown(() => parseIdx(idxBytes([4], [1, 2, 3, 4]), 'swapped', { ndims: 3 }));
    expect(error.message).toContain('expected 0x00000803, found 0x00000801');
  });

  it('refuses non-IDX content such as a gzip header', () => {
    const error = thrown(() => parseIdx(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]), 'a.gz'));
    expect(error.message).toContain('found 0x1f8b0800');
  });

  it('refuses a truncated file, giving expected and found byte counts', () => {
    const full = idxBytes([3, 2, 2], new Array(12).fill(1));
    const error = thrown(() => parseIdx(full.subarray(0, full.length - 1), 'cut', { ndims: 3 }));
    expect(error.message).toBe('[cvae] [idx] cut: truncated: expected 28 bytes for dims [3, 2, 2], found 27');
  });

  it('refuses a file cut inside its header', () => {
    const full = idxBytes([3, 2, 2], new Array(12).fill(1));
    expect(thrown(() => parseIdx(full.subarray(0, 9), 'cut')).message).toContain(
      'truncated: expected at least 16 bytes of header, found 9',
    );
    expect(thrown(() => parseIdx(full.subarray(0, 2), 'cut')).message).toContain('found 2');
  });

  it('refuses trailing bytes, saying how many', () => {
    const bytes = new Uint8Array([...idxBytes([2], [1, 2]), 0, 0, 0]);
    const error = thrown(() => parseIdx(bytes, 'long', { ndims: 1 }));
    expect(error.message).toContain('long: 3 extra bytes: expected 10 bytes');
  });
});
