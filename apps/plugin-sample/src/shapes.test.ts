import { seededRandom } from '@cvae/core';
import { describe, expect, it } from 'vitest';
import { drawShape, randomShape, SHAPE_NAMES, type ShapeName } from './shapes.js';

/** An 11x11 drawing of `kind` centred with half-extent 4, as text (# = ink). */
function picture(kind: ShapeName): string {
  const image = new Uint8Array(11 * 11);
  drawShape({ kind, cx: 5.5, cy: 5.5, radius: 4 }, 11, image);
  return Array.from({ length: 11 }, (_, y) => Array.from(image.subarray(y * 11, (y + 1) * 11), (v) => (v ? '#' : '.')).join('')).join('\n');
}

describe('drawShape', () => {
  it('draws each class as its shape', () => {
    const rows = (...lines: string[]) => lines.join('\n');
    // prettier-ignore
    expect(picture('circle')).toBe(rows(
      '...........', '.....#.....', '...#####...', '..#######..', '..#######..', '.#########.',
      '..#######..', '..#######..', '...#####...', '.....#.....', '...........'));
    // prettier-ignore
    expect(picture('square')).toBe(rows(
      '...........', '...........', '..#######..', '..#######..', '..#######..', '..#######..',
      '..#######..', '..#######..', '..#######..', '...........', '...........'));
    // prettier-ignore
    expect(picture('triangle')).toBe(rows(
      '...........', '.....#.....', '.....#.....', '....###....', '....###....', '...#####...',
      '...#####...', '..#######..', '..#######..', '.#########.', '...........'));
    // prettier-ignore
    expect(picture('cross')).toBe(rows(
      '...........', '....###....', '....###....', '....###....', '.#########.', '.#########.',
      '.#########.', '....###....', '....###....', '....###....', '...........'));
  });
});

describe('randomShape', () => {
  it('keeps every shape inside a 16x16 image', () => {
    const random = seededRandom(3);
    for (let i = 0; i < 2000; i++) {
      const { cx, cy, radius } = randomShape(SHAPE_NAMES[i % 4], 16, random);
      expect(radius).toBeGreaterThanOrEqual(3);
      for (const v of [cx - radius, cy - radius]) expect(v).toBeGreaterThanOrEqual(0);
      for (const v of [cx + radius, cy + radius]) expect(v).toBeLessThanOrEqual(16);
    }
  });
});
