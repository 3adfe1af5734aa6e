import { beforeAll, describe, expect, it } from 'vitest';
import { statefulRandom } from '../data/seeded-random.js';
import { syntheticDataset } from '../../testing/synthetic-dataset.js';
import { RESUME_CHECK_OPTIONS, trainForResumeCheck, type TrainerRun } from '../../testing/trainer-resume-check.js';
import { useCpuBackend } from '../../test/use-cpu-backend.js';
import { saveModel } from '../io/save-model.js';
import { parseModelConfig } from '../model/config.js';
import { Cvae } from '../model/cvae.js';
import type { EpochEvent } from './events.js';
import { Trainer } from './trainer.js';
import type { TrainerState } from './trainer-state.js';

beforeAll(useCpuBackend);

const dataset = syntheticDataset();
const options = RESUME_CHECK_OPTIONS;
const newModel = () => new Cvae(parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [16], decoderHidden: [16], seed: 5 }));

const train = trainForResumeCheck;
type Run = TrainerRun;

const summary = (events: EpochEvent[]) => events.map((e) => [e.epoch, e.train, e.test]);

describe('Trainer state() / restore()', () => {
  let unbroken: Run;
  beforeAll(async () => {
    unbroken = await train();
  });

  it.each([
    ['mid-epoch (step 3 of epoch 1)', 3],
    ['at the end of an epoch, before its evaluation (step 8)', 8],
    ['mid-epoch in a later epoch (step 13)', 13],
  ])('resumed %s ends with the same weights bit for bit and the same epoch figures', async (_label, stopAt) => {
    const resumed = await train(stopAt);
    expect(resumed.tensorsAfter).toBe(resumed.tensorsBefore);
    expect(Buffer.from(resumed.weights).equals(Buffer.from(unbroken.weights))).toBe(true);
    expect(summary(resumed.epochs)).toEqual(summary(unbroken.epochs));
  });

  it('can fail: a state whose generator is reset takes other steps', async () => {
    const model = newModel();
    const trainer = new Trainer(model, dataset, options);
    for await (const event of trainer.run()) if (event.type === 'batch' && event.step === 3) break;
    const state = trainer.state();
    const other = new Trainer(model, dataset, options);
    other.restore({ ...state, random: statefulRandom('train:other').state() });
    for await (const _event of other.run());
    const { weights } = await saveModel(model);
    expect(Buffer.from(weights).equals(Buffer.from(unbroken.weights))).toBe(false);
    model.dispose();
    trainer.dispose();
    other.dispose();
  });

  it('state() after an epoch event counts the epoch as done', async () => {
    const model = newModel();
    const trainer = new Trainer(model, dataset, options);
    let state: TrainerState | undefined;
    for await (const event of trainer.run()) if (event.type === 'epoch') { state = trainer.state(); break; }
    expect(state).toMatchObject({ completedEpochs: 1, globalStep: 8, optimizer: { step: 8 } });
    expect(state?.current).toBeUndefined();
    trainer.dispose();
    model.dispose();
  });

  it('refuses a state from other options or another model, naming the difference', async () => {
    const model = newModel();
    const trainer = new Trainer(model, dataset, options);
    for await (const event of trainer.run()) if (event.type === 'batch') break;
    const state = trainer.state();
    expect(() => new Trainer(model, dataset, { ...options, learningRate: 1e-3 }).restore(state)).toThrow(/another configuration: learningRate 0.005 \(saved\) vs 0.001 \(now\)/);
    const wider = new Cvae(parseModelConfig({ inputSize: 32, conditionSize: 4, latentSize: 4, encoderHidden: [8], decoderHidden: [16], seed: 5 }));
    expect(() => new Trainer(wider, dataset, options).restore(state)).toThrow(/does not fit this model/);
    trainer.dispose();
    model.dispose();
    wider.dispose();
  });
});
