/** Languages Türöffner speaks. German first, English second. */
export const LANGS = ['de', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The objection ids fixed in CONTRACT.md §1. */
export const OBJECTION_INTENTS = [
  'objection.knows_nobody',
  'objection.they_cant_help',
  'objection.afraid_to_bother',
  'objection.no_connections_no_job',
  'objection.not_for_me',
  'objection.fear_of_rejection',
  'objection.cv_focus',
  'objection.withdrawn',
] as const;

/** The conversation ids fixed in CONTRACT.md §1. */
export const CONVERSATION_INTENTS = [
  'greeting',
  'goodbye',
  'thanks',
  'help',
  'affirm',
  'deny',
  'crisis',
  'out_of_scope',
] as const;

export const CONTRACT_INTENTS = [...OBJECTION_INTENTS, ...CONVERSATION_INTENTS] as const;

export type ObjectionIntent = (typeof OBJECTION_INTENTS)[number];
export type ContractIntent = (typeof CONTRACT_INTENTS)[number];

/** Whether a string names a language Türöffner speaks. */
export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** Whether an intent id is one of the eight objections (or finer under one). */
export function isObjection(intent: string): intent is ObjectionIntent {
  return intent.startsWith('objection.');
}

/**
 * The contract id a (possibly finer) id is scored as: `crisis.possible` → `crisis`,
 * `objection.withdrawn.rehab` → `objection.withdrawn`.
 */
export function contractParent(intent: string, known: readonly string[]): string {
  let id = intent;
  while (!known.includes(id) && id.includes('.')) id = id.slice(0, id.lastIndexOf('.'));
  return known.includes(id) ? id : intent;
}
