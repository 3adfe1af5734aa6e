import { CvaeError } from '../errors/cvae-error.js';

/** The loss became NaN or infinite: training cannot continue from these weights. */
export class TrainingDivergedError extends CvaeError {
  constructor(readonly epoch: number, readonly step: number, value: number) {
    super('train', `training diverged at epoch ${epoch}, step ${step}: loss is ${value}`, {
      fix: 'lower the learning rate (e.g. --lr 3e-4) or check the data for NaN/Infinity values',
    });
    this.name = 'TrainingDivergedError';
  }
}
