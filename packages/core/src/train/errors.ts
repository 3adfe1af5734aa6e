/** The loss became NaN or infinite: training cannot continue from these weights. */
export class TrainingDivergedError extends Error {
  constructor(readonly epoch: number, readonly step: number, value: number) {
    super(
      `[cvae] training diverged at epoch ${epoch}, step ${step}: loss is ${value}. ` +
        'Fix: lower the learning rate (e.g. --lr 3e-4) or check the data for NaN/Infinity values.',
    );
    this.name = 'TrainingDivergedError';
  }
}
