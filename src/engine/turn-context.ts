import type { Classification } from '../nlu/intent-classifier';
import type { AnswerAct } from '../nlu/model-spec';
import type { AnswerReader } from './answer-reader';
import { voiceOf, type Content, type Voice } from './content';
import type { Phrasebook } from './phrasebook';
import type { ResponseKey } from './response-keys';
import type { ConversationState } from './state';
import type { Button, Chart, Outcome, Reply } from './types';

/** What the user sent in this turn, read. */
export interface TurnInput {
  text: string;
  nonText?: boolean;
  choice?: string;
  classification?: Classification;
  /** What kind of answer the text is to the step's question (set inside a flow). */
  act?: { act: AnswerAct; confidence: number };
}

/**
 * The working state of one turn: the conversation state being changed, and
 * the replies being written. Texts said in a row join into one message; a
 * message ends where buttons are offered, so buttons sit under their question.
 */
export class TurnContext {
  outcome: Outcome = 'continue';
  private readonly replies: Reply[] = [];
  private paragraphs: string[] = [];

  constructor(
    public state: ConversationState,
    readonly input: TurnInput,
    readonly content: Content,
    readonly phrases: Phrasebook,
    readonly reader: AnswerReader,
  ) {}

  get voice(): Voice {
    return voiceOf(this.state.lang, this.state.voice);
  }

  /** Says a response key in the conversation's voice. */
  say(key: ResponseKey, vars?: Record<string, string | number>): void {
    this.paragraphs.push(this.phrases.text(this.voice, key, vars));
  }

  /** Says several response keys as one paragraph, line by line (compact feedback). */
  sayLines(lines: { key: ResponseKey; vars?: Record<string, string | number> }[]): void {
    this.paragraphs.push(
      lines.map(({ key, vars }) => this.phrases.text(this.voice, key, vars)).join('\n'),
    );
  }

  /** A button whose label is the response key "button.<id>" (or another key). */
  button(id: string, labelKey: ResponseKey = `button.${id}`): Button {
    return { id, label: this.phrases.label(this.voice, labelKey) };
  }

  /** Ends the current message with buttons under it. */
  offer(buttons: Button[]): void {
    this.flush(buttons);
  }

  /** Ends the current message with a picture: the message's text is the picture's text version. */
  picture(chart: Chart): void {
    this.flush(undefined, chart);
  }

  /** Ends the current message, so the next text starts a new one (the doubter's line after feedback). */
  breakMessage(): void {
    this.flush();
  }

  /** The replies of this turn. */
  finish(): Reply[] {
    this.flush();
    return this.replies;
  }

  private flush(buttons?: Button[], image?: Chart): void {
    if (!this.paragraphs.length && !buttons?.length) return;
    const text = this.paragraphs.join('\n\n');
    this.paragraphs = [];
    this.replies.push({
      text,
      ...(buttons?.length ? { buttons } : {}),
      ...(image ? { image } : {}),
    });
  }
}
