import path from 'node:path';
import { CONTRACT_INTENTS, type Lang } from './intent-ids';

/** The labels of a coach's answer in practice mode (CONTRACT.md §4). */
export const PRACTICE_LABELS = [
  'technique.ask_evidence',
  'technique.ask_others',
  'technique.ask_past_success',
  'technique.network_300',
  'technique.people_like_to_help',
  'technique.small_info',
  'technique.ask_anyway',
  'technique.show_yourself',
  'technique.ask_for_referral',
  'technique.contribute',
  'technique.elevator_pitch',
  'antipattern.argue',
  'antipattern.lecture',
  'antipattern.dismiss',
  'antipattern.cv_voodoo',
  'other',
] as const;

/** The two classifiers Türöffner trains: what the user means, and which move a practice answer makes. */
export type ModelName = 'intents' | 'practice';

/** Where a model's data lives and which labels it must know. */
export interface ModelSpec {
  name: ModelName;
  /** Every label the data must cover (finer ids under these are allowed too). */
  labels: readonly string[];
  /** The label given when nothing fits. */
  fallback: string;
  /** Whether this model runs the crisis layer first. */
  detectsCrisis: boolean;
}

export const MODEL_SPECS: Record<ModelName, ModelSpec> = {
  intents: {
    name: 'intents',
    labels: CONTRACT_INTENTS,
    fallback: 'out_of_scope',
    detectsCrisis: true,
  },
  practice: { name: 'practice', labels: PRACTICE_LABELS, fallback: 'other', detectsCrisis: false },
};

/** The project root, found from this file both as TypeScript source and as compiled JavaScript. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The folder of a model's training files for one language. */
export function dataDirFor(spec: ModelSpec, lang: Lang, root = PROJECT_ROOT): string {
  return spec.name === 'intents'
    ? path.join(root, 'intents', lang)
    : path.join(root, 'intents', 'practice', lang);
}

/** Whether a model name is one of Türöffner's models. */
export function isModelName(value: string): value is ModelName {
  return value === 'intents' || value === 'practice';
}
