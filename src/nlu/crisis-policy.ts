import type { CrisisLevel } from './crisis-detector';

/**
 * Türöffner's one crisis policy: what a message's crisis verdict is, from the
 * safety layer's patterns and the classifier together. The engine and every
 * channel tool that looks at a text (Slack's /einwand, the message shortcut)
 * decide through this module, so a text means the same everywhere.
 *
 * - The patterns decide first and cannot be outvoted: clear (resources at
 *   once), third party (resources for helping someone else), possible (a
 *   gentle, direct question with the resources in it).
 * - The classifier alone never gives the full crisis message: its crisis
 *   probability may only ask gently, and only about a message long enough to
 *   carry a thought ("muss ich mir überlegen" is a hedge, not a crisis).
 */
export interface CrisisAssessment {
  level: CrisisLevel;
  /** Who raised it: the patterns, or the classifier's crisis probability alone. */
  source: 'pattern' | 'model' | 'none';
}

/** What the classifier contributes: its probability of the crisis label, and whether it is the top label. */
export interface CrisisModelSignal {
  probability: number;
  /** The calibrated threshold at or above which the probability alone asks gently. */
  threshold: number;
  /** Words in the message. */
  words: number;
}

/**
 * The classifier's crisis probability alone asks gently only from here on, whatever the calibrated
 * threshold: below it, the crisis corpora's ordinary lines (sad but safe, body complaints) were
 * flagged far above the 2 % a gentle check may cost, while the patterns carried the recall.
 */
export const MODEL_CRISIS_FLOOR = 0.7;

/** Fewer words than this are an everyday answer ("keine Ahnung, vielleicht 3"), not a thought the model may flag. */
export const MODEL_CRISIS_MIN_WORDS = 5;

/** The context of a message, where the conversation knows it. */
export interface CrisisContext {
  /** A practice answer is a coach's sentence, outside what the intent classifier knows: only patterns count. */
  practising?: boolean;
  /**
   * The message is confidently a benign answer to the step's question (a plan, a contact, a story,
   * a yes): the classifier alone does not raise the alarm on it; the patterns still do.
   */
  benignAnswer?: boolean;
}

/** The crisis verdict of one message, before any context. */
export function assessCrisis(patterns: CrisisLevel, model: CrisisModelSignal): CrisisAssessment {
  if (patterns !== 'none') return { level: patterns, source: 'pattern' };
  const flagged = model.probability >= Math.max(model.threshold, MODEL_CRISIS_FLOOR);
  if (flagged && model.words >= MODEL_CRISIS_MIN_WORDS)
    return { level: 'possible', source: 'model' };
  return { level: 'none', source: 'none' };
}

/** The level a reply must answer, in context: what the conversation or tool acts on. */
export function crisisResponse(
  assessment: CrisisAssessment,
  context: CrisisContext = {},
): CrisisLevel {
  if ((context.practising || context.benignAnswer) && assessment.source === 'model') return 'none';
  return assessment.level;
}

/** The intent label of a crisis level, for the classify command and the metrics. */
export function crisisIntent(level: CrisisLevel): string | undefined {
  if (level === 'clear') return 'crisis';
  return level === 'none' ? undefined : `crisis.${level}`;
}
