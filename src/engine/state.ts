import type { Lang, ObjectionIntent } from '../nlu/intent-ids';

/** Bump when the shape below changes: stored state of another version starts a fresh dialogue. */
export const STATE_SCHEMA = 2;

/** Where the user stands inside a coaching flow. */
export interface FlowPosition {
  intent: ObjectionIntent;
  step: string;
  /** How often the current question has been asked again without a usable answer. */
  reasks: number;
  /** The user committed to a step in this flow (a later plan is not a second commitment). */
  committed?: boolean;
  /** The network inventory in progress: index of the circle asked, counts so far (never names). */
  inventory?: { circle: number; counts: number[] };
  /** The elevator pitch being built (pitch-builder.ts). */
  pitch?: PitchDraft;
}

/** How a composed pitch sounds: the register of its sentences, and whether it is the short one. */
export interface PitchStyle {
  register: 'standard' | 'casual' | 'formal';
  short: boolean;
}

/**
 * An elevator pitch in the making. Unlike everything else in the state, it holds
 * the user's own words (their three answers): the pitch is made of them. They
 * live only as long as the builder runs and are dropped when it ends.
 */
export interface PitchDraft {
  /** The question asked: 0 who, 1 strength, 2 looking; 3 once the pitch is shown. */
  part: number;
  answers: string[];
  /** The current question has been asked for one concrete detail (that is done once). */
  detailAsked?: boolean;
  style: PitchStyle;
  /** Once the pitch is shown: a choice among the options, the user's own version, or the yes to storing it. */
  awaiting?: 'option' | 'own_version' | 'store';
  /** The user's own version of the pitch, when they wrote one. */
  own?: string;
}

/** The pitch the user chose to keep: their own text, shown with "pitch", deleted with "vergessen". */
export interface SavedPitch {
  text: string;
  savedAt: number;
}

/** A rehearsal of the saved pitch: the bot plays someone the user meets, the user says the pitch. */
export interface PitchRehearsal {
  scene: string;
  /** The scores of the tries so far. */
  scores: number[];
}

/** A practice round in progress: the bot plays the doubter of one objection. */
export interface PracticeRound {
  objection: ObjectionIntent;
  persona: string;
  /** How the objection was picked, so "another round" picks the same way. */
  mode: 'random' | 'weakest' | 'chosen';
  scores: number[];
  /** The moves recognised in the user's answers (label ids, never the answers). */
  moves: string[];
  /** The round is over and its summary shown; the next message leaves practice unless it asks for more. */
  finished?: boolean;
}

/** What practice has achieved so far, per objection: scores 0–3 and rounds. */
export interface PracticeProgress {
  perObjection: Partial<Record<ObjectionIntent, { last: number; best: number; rounds: number }>>;
  /** Days practised in a row, and the last such day (YYYY-MM-DD). */
  streak: number;
  lastDay?: string;
  /** Round scores over time as fractions of the best possible (0–1), oldest first, the last few only. */
  history?: number[];
  /** Pitch rehearsals: the best and the last score, out of `max`, and how many tries. */
  pitch?: { best: number; last: number; max: number; tries: number };
}

/** A crisis the bot answered and the user has not yet said they can go on from. */
export interface OpenCrisis {
  /** clear: the writer's own crisis; possible: the gentle question is open; third_party: someone else's. */
  level: 'clear' | 'possible' | 'third_party';
  at: number;
  /** How often an unclear answer to the gentle question was asked about again. */
  followups?: number;
}

/** What the bot waits for outside a flow: the answer to a question it asked with buttons. */
export type PendingQuestion =
  | 'unclear'
  | 'language'
  | 'voice'
  | 'resume'
  | 'crisis_check'
  | 'crisis_followup';

/**
 * Everything Türöffner keeps about one conversation. Deliberately small: steps
 * and counts, never the user's words (the last-job answer is kept only as a
 * path id such as "friend") — with one exception the user asks for: their
 * elevator pitch (while it is built, and once they chose to keep it).
 */
export interface ConversationState {
  schema: number;
  /** The content version (content-version.ts) the flow position points into; absent in older state. */
  content?: string;
  lang: Lang;
  voice: 'sie' | 'du';
  /** Where the language came from; only an explicit choice stops automatic detection. */
  langSource: 'default' | 'locale' | 'detected' | 'user';
  welcomed: boolean;
  flow?: FlowPosition;
  /** A flow set aside for a new topic, offered again when that one ends. */
  paused?: FlowPosition;
  pending?: PendingQuestion;
  /** How often each objection came up, so a repeated one gets another angle. */
  seen: Partial<Record<ObjectionIntent, number>>;
  /** How the user's last job came about, as a path id from the lexicon. */
  lastJob?: string;
  /** The role of the person behind the last job, if the user named one ("brother_in_law"). */
  lastJobRole?: string;
  /** The sum of the last network inventory (a count, never names). */
  networkTotal?: number;
  /** A contact the user named in this conversation: the role id and where ("bei Bosch"), never a name. */
  lead?: { role: string; place?: string };
  /** Circumstances the user mentioned that rule suggestions out ("mobility", "no_fairs"): ids only. */
  constraints?: string[];
  /** How many next steps the user agreed to. */
  commitments: number;
  /** An open crisis: the flow stays paused until the user says they can go on. */
  crisis?: OpenCrisis;
  practice?: PracticeRound;
  progress?: PracticeProgress;
  /** The user's elevator pitch, stored only after they said yes to keeping it. */
  pitch?: SavedPitch;
  rehearsal?: PitchRehearsal;
  /** How many messages this conversation has had (a count, for metrics and the data-protection view). */
  turns: number;
  /** Variant ids sent in this conversation, oldest first, so a sentence is not repeated while another exists. */
  recent: string[];
  updatedAt: number;
}

/** A fresh conversation in a language. */
export function freshState(
  lang: Lang,
  langSource: ConversationState['langSource'],
  now: number,
): ConversationState {
  return {
    schema: STATE_SCHEMA,
    lang,
    voice: 'sie',
    langSource,
    welcomed: false,
    seen: {},
    commitments: 0,
    turns: 0,
    recent: [],
    updatedAt: now,
  };
}

/** Stored state if it is of this schema; anything else (older, broken) reads as no state. */
export function unpackState(value: unknown): ConversationState | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const state = value as Partial<ConversationState>;
  return state.schema === STATE_SCHEMA && (state.lang === 'de' || state.lang === 'en')
    ? (state as ConversationState)
    : undefined;
}
