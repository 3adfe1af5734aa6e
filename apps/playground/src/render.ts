const SIDE = 28;
const PIXELS = SIDE * SIDE;

export interface GridLayout {
  /** Images per row. */
  readonly columns: number;
  /** Screen pixels per image pixel. */
  readonly scale?: number;
  /** Screen pixels between images. */
  readonly gap?: number;
}

/**
 * Draws 28x28 images (values in [0, 1], row-major, one after another) onto a canvas as a grid,
 * white ink on black, resizing the canvas to fit.
 */
export function drawImages(canvas: HTMLCanvasElement, images: Float32Array, layout: GridLayout): void {
  const { columns, scale = 2, gap = 2 } = layout;
  const count = images.length / PIXELS;
  const rows = Math.ceil(count / columns);
  const cell = SIDE * scale + gap;
  canvas.width = columns * cell - gap;
  canvas.height = rows * cell - gap;
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#223';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const tile = new ImageData(SIDE, SIDE);
  const scratch = document.createElement('canvas');
  scratch.width = scratch.height = SIDE;
  const scratchContext = scratch.getContext('2d')!;
  context.imageSmoothingEnabled = false;
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < PIXELS; p++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, images[i * PIXELS + p])));
      tile.data.set([v, v, v, 255], p * 4);
    }
    scratchContext.putImageData(tile, 0, 0);
    context.drawImage(scratch, (i % columns) * cell, Math.floor(i / columns) * cell, SIDE * scale, SIDE * scale);
  }
}

/** Creates an element with a class, text and attributes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Lets the browser paint and handle input before the next piece of work. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
