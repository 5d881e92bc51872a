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
