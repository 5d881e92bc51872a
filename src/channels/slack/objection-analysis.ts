import { AnswerReader } from '../../engine/answer-reader';
import type { Content, Voice } from '../../engine/content';
import { crisisResponse } from '../../nlu/crisis-policy';
import type { Classification, IntentClassifier } from '../../nlu/intent-classifier';
import {
  contractParent,
  OBJECTION_INTENTS,
  type Lang,
  type ObjectionIntent,
} from '../../nlu/intent-ids';
import type { CoachTexts } from './coach-texts';

/** One objection and how likely it is. */
export interface ObjectionGuess {
  objection: ObjectionIntent;
  confidence: number;
}

/**
 * What the coach tools make of a text: a crisis (resources, never a reframing),
 * an objection with reframing questions, or none of the eight objections.
 */
export type Analysis =
  | { kind: 'crisis' }
  | { kind: 'objection'; guess: ObjectionGuess; alternative?: ObjectionGuess; questions: string[] }
  | { kind: 'none'; closest?: ObjectionGuess };

/**
 * Analyses a text for a coach, without a conversation and without storing
 * anything: which objection it is, how sure the classifier is, and which
 * questions from the interview to ask next — in the coach's voice.
 */
export class ObjectionAnalyst {
  private readonly reader: AnswerReader;

  constructor(
    private readonly classifiers: Record<Lang, IntentClassifier>,
    private readonly content: Content,
    private readonly coach: CoachTexts,
  ) {
    this.reader = new AnswerReader(content.lexicon);
  }

  /** The language a text is classified in: as written when that is clear, else the voice's. */
  langOf(text: string, voice: Voice): Lang {
    return this.reader.language(text) ?? (voice === 'en' ? 'en' : 'de');
  }

  /** Analyses one text; the questions come in `voice`. */
  analyse(text: string, voice: Voice): Analysis {
    const lang = this.langOf(text, voice);
    const classification = this.classifiers[lang].classify(text);
    // The safety layer's patterns cover both languages; a crisis never gets a reframing.
    if (isCrisis(classification)) return { kind: 'crisis' };
    const guesses = objectionGuesses(classification);
    const top = guesses[0];
    const intent = contractParent(classification.intent, OBJECTION_INTENTS);
    if (!top || top.objection !== intent) return { kind: 'none', ...(top ? { closest: top } : {}) };
    const guess = { objection: top.objection, confidence: classification.confidence };
    const alternative = guesses[1];
    return {
      kind: 'objection',
      guess,
      ...(alternative && classification.unclear ? { alternative } : {}),
      questions: this.questions(top.objection, voice),
    };
  }

  // The first variant of each chosen key: the same analysis always suggests the same questions.
  private questions(objection: ObjectionIntent, voice: Voice): string[] {
    return (this.coach.questions[objection] ?? [])
      .map((key) => this.content.texts[voice][key]?.find((v) => !v.channel)?.text)
      .filter((text): text is string => Boolean(text));
  }
}

// === Helpers

// The one crisis policy decides; a coach tool shows resources for any level of it, never an analysis.
function isCrisis(classification: Classification): boolean {
  return crisisResponse(classification.crisis) !== 'none';
}

// The objections among the ranked labels, best first, finer ids folded into their parent.
function objectionGuesses(classification: Classification): ObjectionGuess[] {
  const guesses: ObjectionGuess[] = [];
  for (const { intent, confidence } of classification.ranking) {
    const objection = contractParent(intent, OBJECTION_INTENTS);
    if (!(OBJECTION_INTENTS as readonly string[]).includes(objection)) continue;
    if (guesses.some((g) => g.objection === objection)) continue;
    guesses.push({ objection: objection as ObjectionIntent, confidence });
  }
  return guesses;
}
