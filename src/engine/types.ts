import type { Lang } from '../nlu/intent-ids';

/** The channels Türöffner runs on; the engine uses the name only to pick channel-specific texts. */
export type ChannelName = 'terminal' | 'telegram' | 'slack';

/** What a user can ask for outside the conversation itself; adapters map their commands to these. */
export type CommandName =
  | 'start'
  | 'help'
  | 'restart'
  | 'language'
  | 'address'
  | 'forget'
  | 'practice'
  | 'progress'
  | 'pitch'
  | 'stop';

/** One message from a user, as every adapter hands it to the engine. */
export interface IncomingMessage {
  channel: ChannelName;
  /** Whose state this is: one chat, thread or terminal session. Scoped by the adapter ("telegram:42"). */
  conversationId: string;
  /** Who wrote it, scoped by the adapter; "forget" deletes every conversation of this user. */
  userId: string;
  /** The text the user typed, if any. */
  text?: string;
  /** The id of a quick-reply button the user pressed. */
  choice?: string;
  /** A command the adapter recognised (/start, /hilfe, a slash command …). */
  command?: CommandName;
  /** The user sent something that is not text (a sticker, photo, voice message, location). */
  nonText?: boolean;
  /** The platform's language hint for the user ("de", "en-GB"), used until the user chooses. */
  locale?: string;
  /**
   * The id of this delivery (e.g. "telegram:<update_id>"): a message handled
   * again after a crash is applied to the state at most once and gets the same replies.
   */
  turnId?: string;
}

/** A quick-reply button: the label the user sees and the choice id sent back when pressed. */
export interface Button {
  id: string;
  label: string;
}

/** One message of the bot: text (plain, the adapter escapes it) and optional buttons. */
export interface Reply {
  text: string;
  buttons?: Button[];
  /**
   * A picture that goes with the text; the text is then its text version (caption,
   * alt text, and what a channel that cannot show pictures sends). It is a chart
   * description, not pixels: adapters render it (src/pictures/).
   */
  image?: Chart;
}

/** The charts Türöffner draws; every label is already in the conversation's language. */
export type Chart = NetworkChart | ProgressChart;

/** The network count: one circle per circle of people, sized by its count, and the tally toward the goal. */
export interface NetworkChart {
  kind: 'network';
  title: string;
  /** The word in the middle ("Sie", "du", "you"). */
  centre: string;
  /** Every circle of the count; `count` is absent for a circle the user did not get to. */
  circles: { label: string; count?: number }[];
  total: number;
  goal: number;
  /** The tally as said ("42 von 300"). */
  tally: string;
}

/** Practice progress: per objection the last and best score, scores over time, and a few facts. */
export interface ProgressChart {
  kind: 'progress';
  title: string;
  rows: { label: string; last: number; best: number; rounds: number }[];
  maxScore: number;
  /** Round scores over time, oldest first, as fractions of the best possible (0–1). */
  history: number[];
  historyLabel: string;
  /** Short lines under the chart ("Übungstage in Folge: 2", "Pitch: bestes Ergebnis 4/5"). */
  facts: string[];
}

/** How a turn ended, for adapters and metrics. */
export type Outcome = 'continue' | 'ended' | 'escalated' | 'forgotten';

/** The engine's answer to one message. */
export interface Turn {
  replies: Reply[];
  outcome: Outcome;
  /** The intent the message was understood as (for metrics; never the text). */
  intent?: string;
  lang: Lang;
  /** True when state could not be read or written and the answer was given without it. */
  degraded: boolean;
}

/** What the engine reports after each turn, for metrics: no texts, no ids. */
export interface TurnEvent {
  channel: ChannelName;
  intent: string;
  outcome: Outcome;
  seconds: number;
  degraded: boolean;
}
