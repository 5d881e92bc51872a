import { ANSWER_ACTS, type AnswerAct } from './model-spec';

/** What a step's question asks for: an answer is read against it first. */
export const ANSWER_KINDS = ['yesno', 'open', 'person', 'plan', 'story', 'pitch'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

const STORIES: AnswerAct[] = [
  'act.story_person',
  'act.story_ad',
  'act.story_agency',
  'act.story_chance',
];
/** What any answer may be, whatever was asked: not knowing, asking back, resisting, a feeling. */
const ALWAYS: AnswerAct[] = ['act.unsure', 'act.question', 'act.resist', 'act.feeling'];

/**
 * The answer acts that can answer a kind of question. "Wie ist Ihr letzter Job zustande
 * gekommen?" is answered by a story, not by a contact; "Wem könnten Sie schreiben?" by a contact
 * or a plan, not by a story. Reading an answer among these first is what makes the bot listen
 * to the question it asked.
 */
export const ACTS_FOR: Record<AnswerKind, ReadonlySet<AnswerAct>> = {
  story: new Set([...STORIES, ...ALWAYS]),
  yesno: new Set([
    ...ALWAYS,
    'act.agree',
    'act.decline',
    'act.own_step',
    'act.contact',
    'act.reflect',
  ]),
  person: new Set([...ALWAYS, 'act.contact', 'act.decline', 'act.own_step', 'act.reflect']),
  plan: new Set([
    ...ALWAYS,
    'act.own_step',
    'act.agree',
    'act.decline',
    'act.contact',
    'act.reflect',
  ]),
  open: new Set(ANSWER_ACTS.filter((act) => !STORIES.includes(act))),
  pitch: new Set([...ALWAYS, 'act.reflect', 'act.decline']),
};

/** Whether a string names a kind of question. */
export function isAnswerKind(value: unknown): value is AnswerKind {
  return (ANSWER_KINDS as readonly unknown[]).includes(value);
}
