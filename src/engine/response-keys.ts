import type { z } from 'zod';
import type { PitchPart } from './pitch-definition';
import type { flowKeySchema } from '../content/schemas';
import type { AnswerKind } from '../nlu/answer-acts';
import type { ObjectionIntent } from '../nlu/intent-ids';
import type { PracticeLabel } from '../nlu/model-spec';

/**
 * Response keys the engine's code says by name. The compiler holds the code to
 * this list ({@link ResponseKey}), the content check holds responses/ to it,
 * and a test finds keys listed here that no code names any more.
 */
export const ENGINE_RESPONSE_KEYS = [
  'welcome',
  'welcome_back',
  'help',
  'commands',
  'choose_objection',
  'greeting',
  'greeting_in_flow',
  'thanks',
  'thanks_in_flow',
  'goodbye',
  'out_of_scope',
  'no_words',
  'non_text',
  'too_long',
  'unclear',
  'something_else',
  'affirm_no_context',
  'deny_no_context',
  'reask',
  'dont_know',
  'switch_topic',
  'repeat_objection',
  'resume_offer',
  'restart',
  'language_choose',
  'language_set',
  'voice_choose',
  'voice_set',
  'forget_done',
  'forget_failed',
  'error',
  'degraded',
  'flow.end',
  'crisis.clear',
  'crisis.possible',
  'crisis.human',
  'crisis.followup',
  'crisis.relieved',
  'crisis.resume',
  'crisis.third_party',
  'crisis.third_party_resume',
  'crisis.check_again',
  'listen.own_step',
  'listen.contact',
  'listen.contact_unnamed',
  'listen.feeling',
  'listen.burden',
  'listen.resist',
  'listen.decline',
  'inventory.intro',
  'inventory.ask_first',
  'inventory.ask',
  'inventory.tally',
  'inventory.not_a_number',
  'own_evidence',
  'button.something_else',
  'button.human',
  'button.continue',
  'button.crisis_yes',
  'button.crisis_no',
  'button.crisis_go_on',
  'button.resume_yes',
  'button.resume_no',
  'button.lang_de',
  'button.lang_en',
  'button.voice_du',
  'button.voice_sie',
  'practice.menu',
  'practice.choose',
  'practice.unavailable',
  'practice.start',
  'practice.react.soften',
  'practice.react.neutral',
  'practice.react.dig_in',
  'practice.score',
  'practice.reason.best',
  'practice.reason.good',
  'practice.reason.other_technique',
  'practice.reason.antipattern',
  'practice.reason.none',
  'practice.recognised',
  'practice.better',
  'practice.model_answer',
  'practice.summary',
  'practice.summary_nothing',
  'practice.summary_keep_none',
  'practice.next',
  'practice.stopped',
  'practice.progress',
  'practice.progress_empty',
  'button.practice_random',
  'button.practice_weakest',
  'button.practice_choose',
  'button.practice_again',
  'button.practice_stop',
  'listen.own_step_with',
  'button.practice_pitch',
  'practice.menu_pitch',
  'practice.progress_streak',
  'practice.progress_steps',
  'practice.progress_pitch',
  'practice.progress_pitch_only',
  'pitch.intro',
  'pitch.ask.who',
  'pitch.ask.strength',
  'pitch.ask.looking',
  'pitch.detail.who',
  'pitch.detail.strength',
  'pitch.detail.looking',
  'pitch.ack.who',
  'pitch.ack.strength',
  'pitch.ack.looking',
  'pitch.ack.skipped',
  'pitch.part.who',
  'pitch.part.strength',
  'pitch.part.looking',
  'pitch.off_topic',
  'pitch.objection_aside',
  'pitch.show',
  'pitch.made_shorter',
  'pitch.made_casual',
  'pitch.made_formal',
  'pitch.edit_ask',
  'pitch.option_reask',
  'pitch.own',
  'pitch.own_long',
  'pitch.store_ask',
  'pitch.saved',
  'pitch.not_saved',
  'pitch.saved_show',
  'pitch.none',
  'pitch.none_in_flow',
  'pitch.reminder',
  'button.pitch_store_yes',
  'button.pitch_store_no',
  'rehearsal.no_pitch',
  'rehearsal.start',
  'rehearsal.again',
  'rehearsal.done',
  'rehearsal.score',
  'rehearsal.parts_all',
  'rehearsal.parts_missing',
  'button.rehearsal_again',
  'picture.network.title',
  'picture.network.centre',
  'picture.network.tally',
  'picture.network.tally_300',
  'picture.network.text',
  'picture.progress.title',
  'picture.progress.history',
  'last_job.helped_person',
] as const;

/** A response key the engine names in code. */
export type EngineResponseKey = (typeof ENGINE_RESPONSE_KEYS)[number];

/** "knows_nobody" for "objection.knows_nobody": the start of an objection's response keys. */
export type ObjectionPrefix = ObjectionIntent extends `objection.${infer P}` ? P : never;

/**
 * Response keys built at run time, each by a declared pattern from ids the data
 * or the code defines; the content check requires every expansion in all voices.
 */
export type PatternResponseKey =
  | `objection_label.${ObjectionPrefix}`
  | `practice.say.${ObjectionPrefix}`
  | `practice.model_answer.${ObjectionPrefix}`
  | `explain.${AnswerKind}`
  | `move.${PracticeLabel}`
  /** A circle of responses/flows.yml "inventory_circles". */
  | `inventory.circle.${string}`
  /** A button of responses/flows.yml "buttons". */
  | `button.${string}`
  /** A persona of responses/practice.yml. */
  | `practice.persona.${string}`
  /** A circle's label in the network picture. */
  | `picture.circle.${string}`
  /** A rehearsal scene of responses/pitch.yml: its scene, question and reactions. */
  | `rehearsal.${'scene' | 'question' | 'react.ask' | 'react.no_ask'}.${string}`
  /** A part of the pitch (who, strength, looking) in the questions, details, acks and feedback. */
  | `pitch.${'ask' | 'detail' | 'ack' | 'part'}.${PitchPart}`
  /** The rehearsal feedback on a pitch's length and its ask (pitch-review.ts). */
  | `rehearsal.length_${'short' | 'ok' | 'long'}`
  | `rehearsal.ask_${'ends' | 'early' | 'none'}`;

/** A key a step of responses/flows.yml says; a "$." key of a flow resolves to "<prefix>.…". */
export type FlowResponseKey = `${ObjectionPrefix}.${string}` | SharedFlowKey;

/** A key as written in responses/flows.yml (checked against responses/ by the content check). */
export type SharedFlowKey = z.output<typeof flowKeySchema>;

/** A key that gives way to "<key>.if_<constraint>" when a circumstance rules its suggestion out. */
export type FittingResponseKey = `${string}.if_${string}`;

/** Every response key: the code can say only these. */
export type ResponseKey =
  | EngineResponseKey
  | PatternResponseKey
  | FlowResponseKey
  | FittingResponseKey;

/** The one map from an objection to the prefix of its response keys. */
export const OBJECTION_PREFIXES: Record<ObjectionIntent, ObjectionPrefix> = {
  'objection.knows_nobody': 'knows_nobody',
  'objection.they_cant_help': 'they_cant_help',
  'objection.afraid_to_bother': 'afraid_to_bother',
  'objection.no_connections_no_job': 'no_connections_no_job',
  'objection.not_for_me': 'not_for_me',
  'objection.fear_of_rejection': 'fear_of_rejection',
  'objection.cv_focus': 'cv_focus',
  'objection.withdrawn': 'withdrawn',
};

/** The prefix of an objection's response keys: "objection.knows_nobody" → "knows_nobody". */
export function prefixOf(intent: ObjectionIntent): ObjectionPrefix {
  return OBJECTION_PREFIXES[intent];
}
