import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to PNG (vega → SVG, resvg → PNG at 2x), with the system's fonts.
 *
 * @example
 * ```ts
 * await writeFile('loss.png', await vegaLitePng({ mark: 'line', data: { values }, encoding: { ... } }));
 * ```
 */
export async function vegaLitePng(spec: TopLevelSpec): Promise<Buffer> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: true } }).render().asPng();
  } finally {
    view.finalize();
  }
}
