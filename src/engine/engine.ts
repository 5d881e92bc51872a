import type { IntentClassifier } from '../nlu/intent-classifier';
import { MAX_CLASSIFIED_CHARS } from '../nlu/features';
import type { Lang } from '../nlu/intent-ids';
import { StoreUnavailableError, type ConversationStore } from '../store/conversation-store';
import { AnswerReader } from './answer-reader';
import { voiceOf, type Content } from './content';
import { Dialogue, langOfLocale, type DialogueCommand } from './dialogue';
import { Phrasebook } from './phrasebook';
import { PracticeMode } from './practice-mode';
import { freshState, unpackState, type ConversationState } from './state';
import { TurnContext } from './turn-context';
import type { IncomingMessage, Reply, Turn, TurnEvent } from './types';

/** Everything the engine needs, handed in by the composition root. */
export interface EngineOptions {
  store: ConversationStore;
  classifiers: Record<Lang, IntentClassifier>;
  /** The practice model (the coach's moves); without it practice mode says it is unavailable. */
  practiceClassifiers?: Record<Lang, IntentClassifier>;
  content: Content;
  /** Told about every turn (for metrics): channel, intent, outcome, duration; never texts or ids. */
  observe?: (event: TurnEvent) => void;
  /** Clock and randomness, replaceable so tests are repeatable. */
  now?: () => number;
  random?: () => number;
}

/**
 * Türöffner's dialogue engine: one message in, the bot's replies out, as data.
 * It knows nothing of Telegram, Slack or Redis: adapters translate platform
 * updates to {@link IncomingMessage} and replies back, and the state store is
 * an interface. When the store fails, it still answers — without state, and
 * crisis answers always.
 *
 * @example
 * const turn = await engine.handle({ channel: 'terminal', conversationId: 't:1', userId: 't:1', text: 'Ich kenne niemanden' });
 */
export class Engine {
  private readonly reader: AnswerReader;
  private readonly dialogue: Dialogue;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: EngineOptions) {
    this.reader = new AnswerReader(options.content.lexicon);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.dialogue = new Dialogue(new PracticeMode(options.practiceClassifiers, this.random));
  }

  /** Handles one message. Never throws for anything a user or platform sends; store outages degrade. */
  async handle(message: IncomingMessage): Promise<Turn> {
    const started = process.hrtime.bigint();
    const turn = await this.handleUnobserved(message);
    this.options.observe?.({
      channel: message.channel,
      intent: turn.intent ?? 'none',
      outcome: turn.outcome,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      degraded: turn.degraded,
    });
    return turn;
  }

  private async handleUnobserved(message: IncomingMessage): Promise<Turn> {
    const command =
      message.command ??
      (message.text && !message.choice ? this.reader.command(message.text) : undefined);
    if (command === 'forget') return this.forget(message);
    const key = { userId: message.userId, conversationId: message.conversationId };
    try {
      return await this.options.store.update(
        key,
        (raw) => {
          const turn = this.turn(unpackState(raw), message, command);
          return { next: turn.state, result: turn.turn };
        },
        message.turnId,
      );
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return this.degraded(message, command);
    }
  }

  /** Deletes everything stored about the user and confirms it. */
  async forget(message: IncomingMessage): Promise<Turn> {
    const key = { userId: message.userId, conversationId: message.conversationId };
    const state = unpackState(await this.options.store.read(key).catch(() => undefined));
    const lang = state?.lang ?? langOfLocale(message.locale) ?? 'de';
    const phrases = new Phrasebook(this.options.content, message.channel, [], this.random);
    const voice = voiceOf(lang, state?.voice ?? 'sie');
    try {
      await this.options.store.forgetUser(message.userId);
      return {
        replies: [{ text: phrases.text(voice, 'forget_done') }],
        outcome: 'forgotten',
        lang,
        degraded: false,
      };
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return {
        replies: [{ text: phrases.text(voice, 'forget_failed') }],
        outcome: 'continue',
        lang,
        degraded: true,
      };
    }
  }

  // Without the store: answer from a fresh state and say so (unless it is a crisis answer).
  private degraded(message: IncomingMessage, command: DialogueCommand | undefined): Turn {
    const { turn } = this.turn(undefined, message, command);
    if (turn.outcome === 'escalated') return { ...turn, degraded: true };
    const phrases = new Phrasebook(this.options.content, message.channel, [], this.random);
    const note: Reply = { text: phrases.text(voiceOf(turn.lang, 'sie'), 'degraded') };
    return { ...turn, replies: [...turn.replies, note], degraded: true };
  }

  private turn(
    stored: ConversationState | undefined,
    message: IncomingMessage,
    command: DialogueCommand | undefined,
  ): { state: ConversationState; turn: Turn } {
    const now = this.now();
    const localeLang = langOfLocale(message.locale);
    const state = stored ?? freshState(localeLang ?? 'de', localeLang ? 'locale' : 'default', now);
    state.updatedAt = now;
    state.turns += 1;
    const text = message.text ?? '';
    this.followLanguage(state, text);
    const inInventory = state.flow?.inventory !== undefined;
    // While counting, "fertig" and "weiter" belong to the count, not to the commands.
    const effectiveCommand = inInventory && command === 'stop' ? undefined : command;
    // A text without words (punctuation, whitespace) comes back with an empty ranking: no classification.
    const classified =
      text && !effectiveCommand ? this.options.classifiers[state.lang].classify(text) : undefined;
    const classification = classified?.ranking.length ? classified : undefined;
    const phrases = new Phrasebook(
      this.options.content,
      message.channel,
      state.recent,
      this.random,
    );
    const ctx = new TurnContext(
      state,
      {
        text,
        ...(message.nonText ? { nonText: true } : {}),
        ...(message.choice ? { choice: message.choice } : {}),
        ...(classification ? { classification } : {}),
      },
      this.options.content,
      phrases,
      this.reader,
    );
    if (text.length > MAX_CLASSIFIED_CHARS) ctx.say('too_long');
    this.dialogue.handle(ctx, effectiveCommand);
    const replies = ctx.finish();
    ctx.state.recent = phrases.sent;
    const intent =
      classification?.intent ?? effectiveCommand ?? (message.choice ? 'choice' : undefined);
    return {
      state: ctx.state,
      turn: {
        replies,
        outcome: ctx.outcome,
        lang: ctx.state.lang,
        degraded: false,
        ...(intent ? { intent } : {}),
      },
    };
  }

  // Until the user chooses a language, a message clearly in the other language switches it.
  private followLanguage(state: ConversationState, text: string): void {
    if (state.langSource === 'user') return;
    const detected = this.reader.language(text, state.langSource === 'default');
    if (detected && detected !== state.lang) {
      state.lang = detected;
      state.langSource = 'detected';
    }
  }
}
