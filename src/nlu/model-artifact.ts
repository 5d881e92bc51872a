import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, TueroeffnerError } from '../errors';
import { fitCalibration, type Calibration } from './calibration';
import { CrisisDetector } from './crisis-detector';
import { outOfFoldPredictions } from './cross-validation';
import { IntentClassifier } from './intent-classifier';
import type { Lang } from './intent-ids';
import { LinearModel } from './linear-model';
import { dataDirFor, PROJECT_ROOT, type ModelSpec } from './model-spec';
import { normalizeText } from './normalize';
import { Vocabulary } from './sparse-vector';
import { loadTrainingSet } from './training-data';
import {
  DEFAULT_MODEL_OPTIONS,
  TrainedModel,
  type LabelledText,
  type ModelOptions,
} from './trained-model';
import { formatProblem, validateTrainingSet } from './validate-training-data';

/** Bump when the artifact's shape or the feature pipeline changes: old artifacts are retrained. */
const ARTIFACT_VERSION = 1;

/** A trained classifier as stored in `models/<model>-<lang>.json`. */
interface ModelArtifact {
  version: number;
  model: string;
  lang: Lang;
  /** Hash of the training files (and the crisis patterns) the model was trained on. */
  dataHash: string;
  trainedAt: string;
  examples: number;
  labels: string[];
  options: ModelOptions;
  calibration: Calibration;
  vocabulary: string[];
  /** Base64 of Float32 inverse document frequencies, weights and biases. */
  idf: string;
  weights: string;
  bias: string;
}

/** Where a model's artifact lives. */
export function artifactPath(spec: ModelSpec, lang: Lang, root = PROJECT_ROOT): string {
  return path.join(root, 'models', `${spec.name}-${lang}.json`);
}

/** The examples of a model for one language, refusing data the validator rejects. */
export function loadValidExamples(
  spec: ModelSpec,
  lang: Lang,
  root = PROJECT_ROOT,
): LabelledText[] {
  const set = loadTrainingSet(dataDirFor(spec, lang, root), lang);
  const problems = validateTrainingSet(set, spec, lang);
  if (problems.length) {
    throw new Error(
      `training data has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`,
    );
  }
  return set.examples.map(({ text, intent }) => ({ text, intent }));
}

/** Trains a model and fits its calibration on 5-fold out-of-fold predictions. */
export function trainCalibrated(
  examples: LabelledText[],
  lang: Lang,
  spec: ModelSpec,
  detector: CrisisDetector,
  options: ModelOptions = DEFAULT_MODEL_OPTIONS,
): { model: TrainedModel; calibration: Calibration } {
  const { labels, predictions } = outOfFoldPredictions(examples, lang, 5, options);
  const levels = examples.map((e) =>
    spec.detectsCrisis ? detector.detect(normalizeText(e.text, lang)) : 'none',
  );
  const calibration = fitCalibration(predictions, labels, levels, spec);
  return { model: TrainedModel.train(examples, lang, options), calibration };
}

/** Trains from the data folder and writes the artifact. */
export function trainAndSave(spec: ModelSpec, lang: Lang, root = PROJECT_ROOT): IntentClassifier {
  const detector = CrisisDetector.load(path.join(root, 'intents', 'crisis-patterns.yml'));
  const examples = loadValidExamples(spec, lang, root);
  const { model, calibration } = trainCalibrated(examples, lang, spec, detector);
  const artifact: ModelArtifact = {
    version: ARTIFACT_VERSION,
    model: spec.name,
    lang,
    dataHash: dataHash(spec, lang, root),
    trainedAt: new Date().toISOString(),
    examples: examples.length,
    labels: model.labels,
    options: model.options,
    calibration,
    vocabulary: model.vocabulary.names,
    idf: toBase64(Float32Array.from(model.vocabulary.idf)),
    weights: toBase64(model.linear.weights),
    bias: toBase64(model.linear.bias),
  };
  const file = artifactPath(spec, lang, root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(artifact));
  fs.renameSync(`${file}.tmp`, file);
  return new IntentClassifier(spec, model, calibration, detector);
}

/**
 * Loads a model's classifier, retraining first when the artifact is missing,
 * from an older version, or trained on other data than `intents/` holds now
 * (the tools and the terminal chat; `serve` uses {@link loadTrainedClassifier}).
 */
export function loadClassifier(
  spec: ModelSpec,
  lang: Lang,
  root = PROJECT_ROOT,
  onRetrain: (reason: string) => void = () => undefined,
): IntentClassifier {
  const stale = modelStaleness(spec, lang, root);
  if (stale) {
    onRetrain(`${spec.name}-${lang}: ${stale}; training now`);
    return trainAndSave(spec, lang, root);
  }
  return loadTrainedClassifier(spec, lang, root);
}

/**
 * Loads a model's classifier as the install step trained it, and refuses a
 * missing or stale one: a running server never trains (that takes up to half
 * a minute and writes into models/).
 */
export function loadTrainedClassifier(
  spec: ModelSpec,
  lang: Lang,
  root = PROJECT_ROOT,
): IntentClassifier {
  const file = artifactPath(spec, lang, root);
  const artifact = readArtifact(file);
  const stale = modelStaleness(spec, lang, root, artifact);
  if (stale || !artifact) throw new ModelStaleError(path.relative(root, file), stale ?? '');
  const detector = CrisisDetector.load(path.join(root, 'intents', 'crisis-patterns.yml'));
  const vocabulary = new Vocabulary(artifact.vocabulary, Array.from(fromBase64(artifact.idf)));
  const linear = new LinearModel(
    artifact.labels.length,
    fromBase64(artifact.weights),
    fromBase64(artifact.bias),
  );
  const model = new TrainedModel(lang, artifact.labels, vocabulary, linear, artifact.options);
  return new IntentClassifier(spec, model, artifact.calibration, detector);
}

/** Why a model's artifact cannot be used (missing, older format, other data), or undefined when it can. */
export function modelStaleness(
  spec: ModelSpec,
  lang: Lang,
  root = PROJECT_ROOT,
  artifact = readArtifact(artifactPath(spec, lang, root)),
): string | undefined {
  if (!artifact) return 'no trained model yet';
  if (artifact.version !== ARTIFACT_VERSION) return 'the model format changed';
  if (artifact.dataHash !== dataHash(spec, lang, root)) return 'the training data changed';
  return undefined;
}

/** A model that must be (re)trained before the bot can serve with it. */
export class ModelStaleError extends TueroeffnerError {
  constructor(file: string, reason: string) {
    super(
      ERROR_CODES.modelStale,
      `${file}: ${reason}; train the models first with \`npx tueroeffner train\` (npm install and the Docker build do it)`,
    );
    this.name = 'ModelStaleError';
  }
}

/** A content hash of everything a model is trained from. */
export function dataHash(spec: ModelSpec, lang: Lang, root = PROJECT_ROOT): string {
  const hash = crypto.createHash('sha256');
  const dir = dataDirFor(spec, lang, root);
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  for (const name of files)
    hash
      .update(name)
      .update('\0')
      .update(fs.readFileSync(path.join(dir, name)));
  hash.update(fs.readFileSync(path.join(root, 'intents', 'crisis-patterns.yml')));
  return hash.digest('hex');
}

// === Helpers

function readArtifact(file: string): ModelArtifact | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ModelArtifact;
  } catch {
    return undefined;
  }
}

function toBase64(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}
