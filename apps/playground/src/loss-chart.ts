/** A live loss curve on a canvas: every step's loss (faint) and a running mean (bold). */
export class LossChart {
  private readonly losses: number[] = [];

  constructor(readonly canvas: HTMLCanvasElement) {
    canvas.width = 480;
    canvas.height = 200;
    this.draw();
  }

  get values(): readonly number[] {
    return this.losses;
  }

  reset(): void {
    this.losses.length = 0;
    this.draw();
  }

  push(loss: number): void {
    this.losses.push(loss);
  }

  draw(): void {
    const { width, height } = this.canvas;
    const context = this.canvas.getContext('2d')!;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    const values = this.losses;
    if (values.length < 2) return;
    const skip = Math.min(5, values.length - 2); // the first steps are far above the rest
    const shown = values.slice(skip);
    const lo = Math.min(...shown);
    const hi = Math.max(...shown);
    const x = (i: number) => 40 + ((i - skip) / Math.max(1, values.length - 1 - skip)) * (width - 50);
    const y = (v: number) => 10 + (1 - (v - lo) / Math.max(1e-9, hi - lo)) * (height - 30);
    const line = (series: number[], style: string, lineWidth: number) => {
      context.strokeStyle = style;
      context.lineWidth = lineWidth;
      context.beginPath();
      series.forEach((v, i) => (i === 0 ? context.moveTo(x(i + skip), y(v)) : context.lineTo(x(i + skip), y(v))));
      context.stroke();
    };
    line(shown, '#bcd', 1);
    line(runningMean(shown, 20), '#246', 2);
    context.fillStyle = '#333';
    context.font = '11px sans-serif';
    context.fillText(hi.toFixed(0), 2, 14);
    context.fillText(lo.toFixed(0), 2, height - 20);
    context.fillText(`step ${values.length}`, width - 60, height - 4);
    context.fillText('loss (nats)', 40, height - 4);
  }
}

function runningMean(values: number[], window: number): number[] {
  let sum = 0;
  return values.map((v, i) => {
    sum += v - (i >= window ? values[i - window] : 0);
    return sum / Math.min(i + 1, window);
  });
}
