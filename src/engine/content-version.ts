import crypto from 'node:crypto';
import { isObjection } from '../nlu/intent-ids';
import type { Content } from './content';
import type { ConversationState, FlowPosition } from './state';

/**
 * The version of the content a stored state can point into: a hash of every
 * flow's step ids, the shared steps and the practice objections. Texts may
 * change freely; renaming or removing a step changes the version.
 */
export function contentVersion(content: Content): string {
  const ids = [
    ...Object.entries(content.flows).flatMap(([intent, flow]) =>
      Object.keys(flow?.steps ?? {}).map((step) => `flow:${intent}/${step}`),
    ),
    ...Object.keys(content.sharedSteps).map((step) => `shared:${step}`),
    ...Object.keys(content.practice.objections).map((intent) => `practice:${intent}`),
    ...content.practice.personas.map((persona) => `persona:${persona}`),
  ].sort();
  return crypto.createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16);
}

/**
 * Fits a state stored under another content version to the content now: a
 * flow position, a paused flow or a practice round that points at a step or
 * objection that no longer exists is dropped; language, voice, counts and
 * progress stay. Says whether the user lost the place they stood on.
 */
export function alignWithContent(
  state: ConversationState,
  content: Content,
  version: string,
): { state: ConversationState; lostPlace: boolean } {
  if (state.content === version) return { state, lostPlace: false };
  const aligned: ConversationState = { ...state, content: version };
  let lostPlace = false;
  if (state.flow && !positionExists(content, state.flow)) {
    aligned.flow = undefined;
    aligned.pending = undefined;
    lostPlace = true;
  }
  if (state.paused && !positionExists(content, state.paused)) aligned.paused = undefined;
  const round = state.practice;
  if (round && !practiceExists(content, round.objection, round.persona)) {
    aligned.practice = undefined;
    lostPlace = true;
  }
  return { state: aligned, lostPlace };
}

function positionExists(content: Content, position: FlowPosition): boolean {
  if (!isObjection(position.intent)) return false;
  const flow = content.flows[position.intent];
  return Boolean(flow && (flow.steps[position.step] ?? content.sharedSteps[position.step]));
}

function practiceExists(content: Content, objection: string, persona: string): boolean {
  return (
    isObjection(objection) &&
    Boolean(content.practice.objections[objection]) &&
    content.practice.personas.includes(persona)
  );
}
