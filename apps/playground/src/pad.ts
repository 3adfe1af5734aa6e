const SIDE = 28;
/** MNIST digits fit a 20x20 box centred in 28x28. */
const BOX = 20;

/**
 * A canvas to draw a digit on with the mouse, pen or finger (white on black), read back as a
 * 28x28 image normalised like MNIST: the drawing's bounding box scaled into 20x20 and centred.
 */
export class DrawingPad {
  private drawing = false;
  private last: { x: number; y: number } | undefined;

  constructor(readonly canvas: HTMLCanvasElement, onStroke: () => void) {
    canvas.width = canvas.height = 280;
    this.clear();
    const point = (event: PointerEvent) => {
      const rect = canvas.getBoundingClientRect();
      return { x: ((event.clientX - rect.left) * canvas.width) / rect.width, y: ((event.clientY - rect.top) * canvas.height) / rect.height };
    };
    canvas.addEventListener('pointerdown', (event) => {
      this.drawing = true;
      this.last = point(event);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener('pointermove', (event) => {
      if (!this.drawing) return;
      const next = point(event);
      this.line(this.last ?? next, next);
      this.last = next;
    });
    const end = () => {
      if (!this.drawing) return;
      this.drawing = false;
      onStroke();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  clear(): void {
    const context = this.canvas.getContext('2d')!;
    context.fillStyle = '#000';
    context.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Draws a stroke segment (also used by tests through the pointer events). */
  line(from: { x: number; y: number }, to: { x: number; y: number }): void {
    const context = this.canvas.getContext('2d')!;
    context.strokeStyle = '#fff';
    context.lineWidth = 20;
    context.lineCap = context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  }

  /** The drawing as 784 values in [0, 1], or undefined when nothing is drawn. */
  read(): Float32Array | undefined {
    const { width, height } = this.canvas;
    const pixels = this.canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, width, height).data;
    let [x0, y0, x1, y1] = [width, height, -1, -1];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (pixels[(y * width + x) * 4] > 32) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      }
    }
    if (x1 < 0) return undefined;
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const scale = BOX / Math.max(w, h);
    const small = document.createElement('canvas');
    small.width = small.height = SIDE;
    const context = small.getContext('2d', { willReadFrequently: true })!;
    context.fillStyle = '#000';
    context.fillRect(0, 0, SIDE, SIDE);
    context.imageSmoothingQuality = 'high';
    context.drawImage(this.canvas, x0, y0, w, h, (SIDE - w * scale) / 2, (SIDE - h * scale) / 2, w * scale, h * scale);
    const data = context.getImageData(0, 0, SIDE, SIDE).data;
    return Float32Array.from({ length: SIDE * SIDE }, (_, p) => data[p * 4] / 255);
  }
}
