import type { RandomSource } from '@cvae/core';

/** The classes, in label order. */
export const SHAPE_NAMES = ['circle', 'square', 'triangle', 'cross'] as const;
export type ShapeName = (typeof SHAPE_NAMES)[number];

/** One shape to draw: its class, centre and half-extent, in pixels. */
export interface Shape {
  readonly kind: ShapeName;
  readonly cx: number;
  readonly cy: number;
  /** Half the width of the shape's bounding box. */
  readonly radius: number;
}

/** Smallest and largest half-extent; 3 keeps every class recognisable at 16x16. */
const MIN_RADIUS = 3;
const MAX_RADIUS = 6.5;

/** Whether the pixel centre at offset (dx, dy) from the shape's centre is inked. */
function inside(kind: ShapeName, dx: number, dy: number, r: number): boolean {
  switch (kind) {
    case 'circle':
      return dx * dx + dy * dy <= r * r;
    case 'square': {
      const half = r * 0.8; // about the circle's area, so size does not give the class away
      return Math.abs(dx) <= half && Math.abs(dy) <= half;
    }
    case 'triangle': // apex up, base at the bottom of the box
      return dy >= -r && dy <= r && Math.abs(dx) <= (dy + r) / 2;
    case 'cross': {
      const arm = Math.max(0.9, r * 0.3);
      return (Math.abs(dx) <= arm && Math.abs(dy) <= r) || (Math.abs(dy) <= arm && Math.abs(dx) <= r);
    }
  }
}

/**
 * Rasterises `shape` into a `side` x `side` binary image (row-major, 1 = ink) written into `out`
 * at `offset`, sampling each pixel at its centre.
 *
 * @example
 * ```ts
 * const image = new Float32Array(16 * 16);
 * drawShape({ kind: 'cross', cx: 8, cy: 8, radius: 5 }, 16, image);
 * ```
 */
export function drawShape(shape: Shape, side: number, out: Float32Array | Uint8Array, offset = 0): void {
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      out[offset + y * side + x] = inside(shape.kind, x + 0.5 - shape.cx, y + 0.5 - shape.cy, shape.radius) ? 1 : 0;
    }
  }
}

/** A shape of class `kind` with a random size and a random position that keeps it inside the image. */
export function randomShape(kind: ShapeName, side: number, random: RandomSource): Shape {
  const radius = MIN_RADIUS + random() * (Math.min(MAX_RADIUS, side / 2) - MIN_RADIUS);
  const cx = radius + random() * (side - 2 * radius);
  const cy = radius + random() * (side - 2 * radius);
  return { kind, cx, cy, radius };
}
