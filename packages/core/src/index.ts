// Public API of @cvae/core. Explicit names only: what is not listed here is internal.
import './register-gradients.js';

export type { Backend, BackendCapabilities } from './backend/backend.js';
export { CvaeError, type CvaeErrorOptions } from './errors/cvae-error.js';
export { nearestName } from './errors/nearest-name.js';
export { BackendUnavailableError } from './backend/errors.js';
export { cpuBackend } from './backend/cpu/cpu-backend.js';
export { cpuBackendModule } from './backend/cpu/cpu-backend-module.js';
export { HostAdam } from './backend/cpu/host-adam.js';
export { overrideKernel, type KernelFastPath } from './backend/override-kernel.js';
export { assertBackendCanTrain, CONV_TRAINING_KERNELS } from './backend/assert-can-train.js';

export type { Batch, BatchOptions, ConditionSpec, DatasetAdapter, DatasetSpec, LoadOptions, Progress, Split } from './data/dataset.js';
export type { DatasetPlugin, DatasetPluginOptions } from './data/dataset-plugin.js';
export { oneHot } from './data/one-hot.js';
export { conditionSize, encodeCondition, parseConditionArgument, splitNameValuePairs, type ConditionAttribute } from './data/condition-encoder.js';
export { unconditioned } from './data/unconditioned.js';
export { repeatRows } from './data/repeat-rows.js';
export type { DatasetDescriptor, DatasetFlag, DatasetLocation, DatasetPresentation, DatasetReport, DatasetSource, RecordDecoder, SavedFiles, SynthesizedRecords } from './data/dataset-descriptor.js';
export { nextSeed, permutation, seededRandom, statefulRandom, tfSeed, type RandomSource, type RandomState, type StatefulRandom } from './data/seeded-random.js';

export {
  ACTIVATIONS,
  architectureSchema,
  modelConfigSchema,
  parseModelConfig,
  type ArchitectureConfig,
  type ConvArchitecture,
  type SequenceArchitecture,
  type ModelConfig,
  type ModelConfigInput,
} from './model/config.js';
export type { Likelihood, LikelihoodConfig, LikelihoodConfigInput, LikelihoodParameter, LikelihoodParams } from './likelihood/likelihood.js';
export { findLikelihood, likelihoodKinds, likelihoodOf, registerLikelihood } from './likelihood/registry.js';
export { likelihoodSchema } from './likelihood/schema.js';
export { BUILT_IN_LIKELIHOODS } from './likelihood/builtins.js';
export { bernoulliLikelihood, bernoulliNll } from './likelihood/bernoulli.js';
export { gaussianConfigSchema, gaussianLikelihood, gaussianNll, HALF_LOG_2PI, type GaussianConfig } from './likelihood/gaussian.js';
export { categoricalLikelihood, categoricalNll } from './likelihood/categorical.js';
export { mixedLikelihood, type ColumnGroup, type MixedConfig } from './likelihood/mixed.js';
export { END_ID, PAD_ID, UNK_ID, tokenMask, tokensLikelihood, tokensNll, type TokensConfig } from './likelihood/tokens.js';
export { ConfigError } from './model/config-error.js';
export { Cvae, reparameterize, type Posterior } from './model/cvae.js';
export type { LogPriorForm } from './model/top-latent.js';
export {
  activate,
  applyDense,
  createDense,
  LEAKY_RELU_ALPHA,
  portableDenseKernels,
  registerDenseKernels,
  type Activation,
  type DenseKernels,
  type DenseLayer,
} from './model/dense.js';
export { featureMapShapes } from './model/conv.js';
export { createGru, gruStep, type GruCell } from './model/gru.js';
export { generateSequence, startSequenceDecoder, stepSequenceDecoder, type GenerationOptions, type SequenceDecoder, type TeacherForcing } from './model/sequence.js';
export { beamDecode, sampleBeam } from './model/beam-search.js';

export { gaussianKl, gaussianKlBetween, gaussianKlPerDimension, meanGaussianKl } from './loss/kl.js';
export { classMeanPenalty } from './loss/independence.js';
export { betaAt, betaScheduleSchema, type BetaSchedule } from './loss/beta-schedule.js';
export { elboTerms, type ElboTerms } from './loss/elbo.js';
export { iwaeTerms } from './loss/iwae-objective.js';
export { logWeightParts, type LogWeightParts } from './loss/log-weights.js';

export { Trainer } from './train/trainer.js';
export { EarlyStopping, type EarlyStoppingSnapshot } from './train/early-stopping.js';
export type { AdjustableOption } from './train/check-restorable.js';
export { createAdam, registerAdam, type AdamFactory, type AdamSettings, type GradientOptimizer, type MomentState, type OptimizerState } from './train/adam.js';
export { TfjsAdam } from './train/tfjs-adam.js';
export { decodeTrainerState, encodeTrainerState, type EncodedTrainerState, type EpochProgress, type EpochSums, type TrainerState } from './train/trainer-state.js';
export { adamStep, zeroMoments, type AdamMoments } from './train/adam-step.js';
export { parseTrainOptions, trainOptionsSchema, type TrainOptions, type TrainOptionsInput } from './train/train-options.js';
export type { BatchEvent, EpochEvent, LossSummary, TrainEvent } from './train/events.js';
export { TrainingDivergedError, type DivergenceFigures } from './train/errors.js';

export { evaluateElbo, type ElboReport } from './eval/evaluate-elbo.js';
export { evaluateIwae, iwaeLogLikelihood, type IwaeOptions } from './eval/iwae.js';
export { latentStats, type LatentStats } from './eval/latent-stats.js';
export { sampleData, sampleLatent, sampleMeans } from './sample/sample.js';
export { decodeMeans, encodeMeans, linearPath, moveBetweenPriors, reconstructMeans, transferLatent } from './sample/latent-walks.js';
export { pca2d } from './eval/pca.js';
export { classPosterior, exampleScores, logClassPosterior, logLikelihoodPerCondition, type ExampleScores } from './density/example-scores.js';
export { completeMissing, type Completion, type CompletionOptions } from './density/complete-missing.js';
export { complexityCorrectedScore, marginalLogLikelihood } from './density/ood-scores.js';
export { Classifier, type ClassifierConfig } from './control/classifier.js';
export { classifierAccuracy, fitClassifier, type FitClassifierOptions, type LabelledBatches } from './control/train-classifier.js';
export { assertOneHotCondition, trainDatasetClassifier, type DatasetClassifier, type DatasetClassifierOptions } from './control/dataset-classifier.js';
export { measureControl, type ControlOptions, type ControlReport } from './control/control.js';
export { latentLeakage, type LeakageOptions, type LeakageReport } from './control/leakage.js';

export { MANIFEST_FILE, MODEL_FORMAT, MODEL_FORMAT_VERSION, WEIGHTS_FILE, type ModelManifest, type WeightEntry } from './io/manifest.js';
export { ModelFormatError } from './io/model-format-error.js';
export { saveModel, type ModelArtifact, type SaveModelOptions } from './io/save-model.js';
export { loadModel } from './io/load-model.js';
export { checkManifest, isPlainFileName } from './io/check-manifest.js';
export { sha256Hex } from './io/sha256.js';

export { trainCvae, type ModelSettings, type TrainCvaeOptions } from './simple/train-cvae.js';
export { loadCvae, type LoadCvaeOptions } from './simple/load-cvae.js';
export { CvaeModel, type ModelDataset, type SampleOptions } from './simple/cvae-model.js';
export { conditionAttributes, conditionRow, type ConditionInput } from './simple/condition-values.js';

export { TOKENS } from './di/tokens.js';
export { coreModule } from './di/core-module.js';
