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
  'technique.acknowledge',
  'antipattern.argue',
  'antipattern.lecture',
  'antipattern.dismiss',
  'antipattern.cv_voodoo',
  'other',
] as const;
/** A label of a coach's answer in practice mode. */
export type PracticeLabel = (typeof PRACTICE_LABELS)[number];

/** Whether a label is one of {@link PRACTICE_LABELS}. */
export function isPracticeLabel(label: string): label is PracticeLabel {
  return (PRACTICE_LABELS as readonly string[]).includes(label);
}

/**
 * The dialogue acts of an answer inside a coaching step: what kind of answer it is to the
 * question the step asked (agrees, names a contact, tells how the last job came about …).
 */
export const ANSWER_ACTS = [
  'act.agree',
  'act.decline',
  'act.unsure',
  'act.question',
  'act.resist',
  'act.feeling',
  'act.contact',
  'act.own_step',
  'act.reflect',
  'act.story_person',
  'act.story_ad',
  'act.story_agency',
  'act.story_chance',
] as const;
export type AnswerAct = (typeof ANSWER_ACTS)[number];

/**
 * The classifiers Türöffner trains: what the user means (a statement), which move a practice
 * answer makes, and which dialogue act an answer inside a step is.
 */
export type ModelName = 'intents' | 'practice' | 'answers';

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
  answers: { name: 'answers', labels: ANSWER_ACTS, fallback: 'act.reflect', detectsCrisis: false },
};

/** The project root, found from this file both as TypeScript source and as compiled JavaScript. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The folder of a model's training files for one language. */
export function dataDirFor(spec: ModelSpec, lang: Lang, root = PROJECT_ROOT): string {
  return spec.name === 'intents'
    ? path.join(root, 'intents', lang)
    : path.join(root, 'intents', spec.name, lang);
}

/** Whether a model name is one of Türöffner's models. */
export function isModelName(value: string): value is ModelName {
  return value in MODEL_SPECS;
}
