import * as tf from '@tensorflow/tfjs-core';
import type { Cvae } from '@cvae/core';
import type { ModelStore } from '../model-store.js';
import { drawImages, el } from '../render.js';

const STEPS = 10;

function classSelect(testId: string, value: number): HTMLSelectElement {
  const select = el('select', { 'data-testid': testId });
  for (let c = 0; c < 10; c++) select.append(el('option', { value: String(c) }, String(c)));
  select.value = String(value);
  return select;
}

/** A strip morphing from one class to another at a fixed style z: c = (1 - t) e_from + t e_to. */
export function morphView(root: HTMLElement, store: ModelStore): void {
  const from = classSelect('morph-from', 1);
  const to = classSelect('morph-to', 7);
  const style = el('button', { 'data-testid': 'morph-style' }, 'new style');
  const canvas = el('canvas', { 'data-testid': 'morph-strip' });
  const controls = el('div', { class: 'buttons' });
  controls.append('from ', from, ' to ', to, ' ', style);
  root.append(controls, canvas);
  let seed = 7;
  const render = (model: Cvae) => {
    const { latentSize, conditionSize } = model.config;
    const means = tf.tidy(() => {
      const z = tf.tile(tf.randomNormal([1, latentSize], 0, 1, 'float32', seed), [STEPS, 1]) as tf.Tensor2D;
      const t = tf.reshape(tf.linspace(0, 1, STEPS), [STEPS, 1]);
      const a = tf.cast(tf.oneHot(tf.fill([STEPS], Number(from.value), 'int32'), conditionSize), 'float32');
      const b = tf.cast(tf.oneHot(tf.fill([STEPS], Number(to.value), 'int32'), conditionSize), 'float32');
      const c = tf.add(tf.mul(tf.sub(1, t), a), tf.mul(t, b)) as tf.Tensor2D;
      return model.mean(model.decode(z, c));
    });
    const images = means.dataSync() as Float32Array;
    means.dispose();
    drawImages(canvas, images, { columns: STEPS, scale: 3 });
  };
  const draw = () => store.model && render(store.model);
  from.addEventListener('change', draw);
  to.addEventListener('change', draw);
  style.addEventListener('click', () => {
    seed++;
    draw();
  });
  store.onChange(render);
}
