import { ANSWER_KINDS } from '../nlu/answer-acts';
import { OBJECTION_INTENTS } from '../nlu/intent-ids';
import { PRACTICE_LABELS } from '../nlu/model-spec';
import { VOICES, type Content, type StepDefinition } from './content';
import { PITCH_OPTIONS } from './pitch-definition';
import { ENGINE_RESPONSE_KEYS, prefixOf } from './response-keys';

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
  const required = requiredKeys(content);
  for (const intent of OBJECTION_INTENTS) {
    const flow = content.flows[intent];
    if (!flow) {
      problems.push(`responses/flows.yml: no flow for ${intent}`);
      continue;
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
      for (const button of step.buttons ?? []) {
        if (!(button in content.buttons))
          problems.push(`responses/flows.yml: step "${id}" offers unknown button "${button}"`);
      }
    }
  }
  // A choice or a button no step uses is a rename gone half-way.
  const steps = [
    ...Object.values(content.sharedSteps),
    ...Object.values(content.flows).flatMap((flow) => Object.values(flow?.steps ?? {})),
  ];
  const said = new Set<string>(steps.flatMap((step) => step.say ?? []));
  for (const key of Object.keys(content.choices))
    if (!said.has(key)) problems.push(`responses/flows.yml: choices: no step says "${key}"`);
  const offered = new Set(steps.flatMap((step) => step.buttons ?? []));
  for (const id of Object.keys(content.buttons))
    if (!offered.has(id)) problems.push(`responses/flows.yml: buttons: no step offers "${id}"`);
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

/**
 * Every response key the engine may say with this content: named in its code,
 * built by a declared pattern from the ids of the data (buttons, circles,
 * personas, moves, objections), or named by a step of flows.yml or its choices.
 */
export function requiredKeys(content: Content): Set<string> {
  const required = new Set<string>(ENGINE_RESPONSE_KEYS);
  for (const id of Object.keys(content.buttons)) required.add(`button.${id}`);
  for (const kind of ANSWER_KINDS) required.add(`explain.${kind}`);
  for (const circle of content.inventoryCircles) {
    required.add(`inventory.circle.${circle}`);
    required.add(`picture.circle.${circle}`);
  }
  for (const option of PITCH_OPTIONS) required.add(`button.pitch_${option}`);
  for (const length of ['short', 'ok', 'long']) required.add(`rehearsal.length_${length}`);
  for (const ask of ['ends', 'early', 'none']) required.add(`rehearsal.ask_${ask}`);
  for (const scene of content.pitch.rehearsal.scenes) {
    for (const key of ['scene', 'question', 'react.ask', 'react.no_ask'])
      required.add(`rehearsal.${key}.${scene}`);
  }
  for (const persona of content.practice.personas) required.add(`practice.persona.${persona}`);
  for (const label of PRACTICE_LABELS) required.add(`move.${label}`);
  for (const intent of OBJECTION_INTENTS) {
    const flow = content.flows[intent];
    if (!flow) continue;
    const prefix = prefixOf(intent);
    const resolve = (key: string): string => key.replace(/^\$/, prefix);
    required.add(`objection_label.${prefix}`);
    required.add(`practice.say.${prefix}`);
    required.add(`practice.model_answer.${prefix}`);
    for (const step of Object.values({ ...content.sharedSteps, ...flow.steps })) {
      for (const key of step.say ?? []) {
        const choices = content.choices[key] ?? [];
        // A key whose choices always hold is never said itself.
        if (!choices.some((choice) => !choice.if)) required.add(resolve(key));
        for (const choice of choices) required.add(resolve(choice.say));
      }
    }
  }
  return required;
}

function targets(step: StepDefinition): string[] {
  return [step.next, step.on_deny, step.on_feeling, step.skip_to].filter((t): t is string =>
    Boolean(t),
  );
}
