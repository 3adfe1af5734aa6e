// Public entry of @cvae/plugin-sample: a dataset plugin written against @cvae/core only.
import type { DatasetDescriptor, DatasetPlugin } from '@cvae/core';
import { shapesModule } from './shapes-module.js';

export { drawShape, randomShape, SHAPE_NAMES, type Shape, type ShapeName } from './shapes.js';
export { SHAPES_SIDE, SHAPES_SPEC, ShapesAdapter, type ShapesOptions } from './shapes-adapter.js';
export { shapesModule };

/**
 * What apps use to reach this dataset (`cvae train --plugin @cvae/plugin-sample --dataset shapes`,
 * and `cvae sample` / `cvae eval` of a model trained on it): its id, how samples are shown, and
 * how to build the adapter from the common data flags.
 */
export const descriptor: DatasetDescriptor = {
  id: 'shapes',
  description: '16x16 shapes (circle, square, triangle, cross), generated from a seed',
  present: 'image-grid',
  module: (options) => shapesModule(options),
};

/** The plain module factory, for apps that only compose containers (`satisfies` checks its shape). */
export default shapesModule satisfies DatasetPlugin;
