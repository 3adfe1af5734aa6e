// Public entry of @cvae/plugin-sample: a dataset plugin written against @cvae/core only.
import type { DatasetPlugin } from '@cvae/core';
import { shapesModule } from './shapes-module.js';

export { drawShape, randomShape, SHAPE_NAMES, type Shape, type ShapeName } from './shapes.js';
export { SHAPES_SIDE, SHAPES_SPEC, ShapesAdapter, type ShapesOptions } from './shapes-adapter.js';
export { shapesModule };

/** What `cvae train --plugin @cvae/plugin-sample --dataset shapes` loads (`satisfies` checks its shape). */
export default shapesModule satisfies DatasetPlugin;
