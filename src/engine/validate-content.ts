import { OBJECTION_INTENTS } from '../nlu/intent-ids';
import { PRACTICE_LABELS } from '../nlu/model-spec';
import { VOICES, type Content, type StepDefinition } from './content';

/**
 * Response keys the engine's code says directly (besides those named in
 * flows.yml). A test scans src/engine for `say('…')` and `button('…')` and
 * checks that each one is listed here, so this list cannot fall behind.
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
  'explain.yesno',
  'explain.open',
  'explain.person',
  'explain.plan',
  'explain.story',
  'explain.pitch',
  'listen.own_step',
  'listen.contact',
  'listen.contact_unnamed',
  'listen.feeling',
  'listen.burden',
  'listen.resist',
  'listen.decline',
  'last_job.reflect_chance',
  'last_job.reflect_helped',
  'last_job.ask_helped',
  'next_step.lead',
  'inventory.intro',
  'inventory.ask_first',
  'inventory.ask',
  'inventory.tally',
  'inventory.not_a_number',
  'inventory.result_300',
  'last_job.reflect_person',
  'last_job.reflect_other',
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
  'button.pitch_keep',
  'button.pitch_shorter',
  'button.pitch_casual',
  'button.pitch_formal',
  'button.pitch_edit',
  'button.pitch_store_yes',
  'button.pitch_store_no',
  'rehearsal.no_pitch',
  'rehearsal.start',
  'rehearsal.again',
  'rehearsal.done',
  'rehearsal.score',
  'rehearsal.length_short',
  'rehearsal.length_ok',
  'rehearsal.length_long',
  'rehearsal.parts_all',
  'rehearsal.parts_missing',
  'rehearsal.ask_ends',
  'rehearsal.ask_early',
  'rehearsal.ask_none',
  'button.rehearsal_again',
  'picture.network.title',
  'picture.network.centre',
  'picture.network.tally',
  'picture.network.tally_300',
  'picture.network.text',
  'picture.progress.title',
  'picture.progress.history',
] as const;

/** Placeholders the engine fills in; any other brace in a text would reach the user as is. */
const KNOWN_PLACEHOLDERS = new Set([
  ...[
    'total',
    'count',
    'circle',
    'via',
    'topic',
    'commands',
    'who',
    'who_dative',
    'where',
    'facts',
  ],
  ...['score', 'reason', 'move', 'answer', 'average', 'keep', 'start', 'stop', 'chart', 'streak'],
  ...['pitch', 'words', 'seconds', 'part', 'best', 'max', 'tries', 'steps', 'facts', 'lines'],
]);

/**
 * Checks responses/ before the bot starts: every flow complete and its steps
 * connected, every text the engine needs present in all three voices, no
 * unknown placeholder. Returns problems as readable sentences.
 */
export function validateContent(content: Content): string[] {
  const problems: string[] = [];
  const required = new Set<string>(ENGINE_RESPONSE_KEYS);
  for (const id of content.buttons) required.add(`button.${id}`);
  for (const circle of content.inventoryCircles) {
    required.add(`inventory.circle.${circle}`);
    required.add(`picture.circle.${circle}`);
  }
  for (const scene of content.pitch.rehearsal.scenes) {
    for (const key of ['scene', 'question', 'react.ask', 'react.no_ask'])
      required.add(`rehearsal.${key}.${scene}`);
  }
  for (const persona of content.practice.personas) required.add(`practice.persona.${persona}`);
  for (const label of PRACTICE_LABELS) required.add(`move.${label}`);
  for (const intent of OBJECTION_INTENTS) {
    const flow = content.flows[intent];
    if (!flow) {
      problems.push(`responses/flows.yml: no flow for ${intent}`);
      continue;
    }
    required.add(`objection_label.${flow.prefix}`);
    required.add(`practice.say.${flow.prefix}`);
    required.add(`practice.model_answer.${flow.prefix}`);
    for (const move of [
      ...(content.practice.objections[intent]?.best ?? []),
      ...(content.practice.objections[intent]?.good ?? []),
    ]) {
      if (!(PRACTICE_LABELS as readonly string[]).includes(move))
        problems.push(`responses/practice.yml: ${intent}: unknown move "${move}"`);
    }
    const steps = { ...content.sharedSteps, ...flow.steps };
    for (const angle of flow.angles)
      if (!steps[angle])
        problems.push(`responses/flows.yml: ${intent}: angle "${angle}" is no step`);
    for (const [id, step] of Object.entries(steps)) {
      for (const target of targets(step)) {
        if (!steps[target])
          problems.push(
            `responses/flows.yml: ${intent}: step "${id}" leads to unknown step "${target}"`,
          );
      }
      for (const key of step.say ?? []) {
        const resolved = key.replace(/^\$/, flow.prefix);
        if (resolved !== 'last_job.reflect') required.add(resolved);
      }
      for (const button of step.buttons ?? []) {
        if (!content.buttons.includes(button))
          problems.push(`responses/flows.yml: step "${id}" offers unknown button "${button}"`);
      }
    }
  }
  for (const voice of VOICES) {
    const texts = content.texts[voice];
    for (const key of required)
      if (!texts[key]?.length) problems.push(`responses/${voice}.yml: missing "${key}"`);
    for (const [key, variants] of Object.entries(texts)) {
      for (const variant of variants) {
        if (!variant.text.trim())
          problems.push(`responses/${voice}.yml: "${key}" has an empty text`);
        for (const [, name] of variant.text.matchAll(/\{(\w+)\}/g)) {
          if (!KNOWN_PLACEHOLDERS.has(name ?? ''))
            problems.push(`responses/${voice}.yml: "${key}" uses unknown placeholder {${name}}`);
        }
      }
    }
  }
  return problems;
}

function targets(step: StepDefinition): string[] {
  return [step.next, step.on_deny, step.on_feeling, step.skip_to].filter((t): t is string =>
    Boolean(t),
  );
}
