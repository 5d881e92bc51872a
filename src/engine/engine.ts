import { ERROR_CODES, errorName, type ErrorCode } from '../errors';
import type { TextClassifier } from '../nlu/intent-classifier';
import { MAX_CLASSIFIED_CHARS } from '../nlu/features';
import type { Lang } from '../nlu/intent-ids';
import { StoreUnavailableError, type ConversationStore } from '../store/conversation-store';
import { AnswerReader } from './answer-reader';
import { CrisisMemory, crisisMemoryKey } from './crisis-memory';
import { voiceOf, type Content } from './content';
import { alignWithContent, contentVersion } from './content-version';
import { Dialogue, langOfLocale, type DialogueCommand } from './dialogue';
import { Phrasebook } from './phrasebook';
import { PitchRehearsalMode } from './pitch-rehearsal';
import { PracticeMode } from './practice-mode';
import { freshState, unpackState, type ConversationState } from './state';
import { TurnContext, type TurnInput } from './turn-context';
import { ACTS_FOR, type AnswerKind } from '../nlu/answer-acts';
import { ANSWER_ACTS, type AnswerAct } from '../nlu/model-spec';
import type { ChannelName, IncomingMessage, Reply, Turn, TurnEvent } from './types';

/** A turn that failed inside the engine: what is logged of it (a code and an error name, never texts or ids). */
export interface TurnFailure {
  code: ErrorCode;
  channel: ChannelName;
  error: string;
}

/** How many variant ids a conversation remembers, to rotate its sentences (a few KB at most). */
const RECENT_VARIANTS = 300;

/** Everything the engine needs, handed in by the composition root. */
export interface EngineOptions {
  store: ConversationStore;
  classifiers: Record<Lang, TextClassifier>;
  /** The answer-act model: what kind of answer a message inside a step is; without it, steps read by keywords only. */
  answerClassifiers?: Record<Lang, TextClassifier>;
  /** The practice model (the coach's moves); without it practice mode says it is unavailable. */
  practiceClassifiers?: Record<Lang, TextClassifier>;
  content: Content;
  /** Told about every turn (for metrics): channel, intent, outcome, duration; never texts or ids. */
  observe?: (event: TurnEvent) => void;
  /** Told once about every turn that failed; the user got the apology instead. */
  onFailure?: (failure: TurnFailure) => void;
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
  private readonly crises = new CrisisMemory();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly contentVersion: string;

  constructor(private readonly options: EngineOptions) {
    this.contentVersion = contentVersion(options.content);
    this.reader = new AnswerReader(options.content.lexicon);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.dialogue = new Dialogue(
      new PracticeMode(options.practiceClassifiers, this.random),
      new PitchRehearsalMode(this.random),
    );
  }

  /**
   * Handles one message. Never throws: store outages degrade, and any other
   * failure of the turn is reported once and answered with the apology.
   */
  async handle(message: IncomingMessage): Promise<Turn> {
    const started = process.hrtime.bigint();
    const turn = await this.handleUnobserved(message).catch((error: unknown) =>
      this.apologise(message, error),
    );
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
    const memoryKey = crisisMemoryKey(message.userId, message.conversationId);
    let final: ConversationState | undefined;
    try {
      const turn = await this.options.store.update(
        key,
        (raw) => {
          const { state: aligned, lostPlace } = this.aligned(unpackState(raw));
          // Standing on a step a content edit removed: welcomed back to a fresh choice, unless a command was asked for.
          const welcomeBack = lostPlace && !command;
          const effective = welcomeBack ? 'start' : command;
          const { state, turn } = this.turn(aligned, message, effective, memoryKey, welcomeBack);
          final = state;
          return { next: { ...state, content: this.contentVersion }, result: turn };
        },
        // A message handled again (after a crash) is applied at most once and gets the stored replies.
        message.turnId,
      );
      if (final) this.crises.note(memoryKey, final, this.now());
      return turn;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      return this.degraded(message, command, memoryKey);
    }
  }

  /** Deletes everything stored about the user and confirms it. */
  async forget(message: IncomingMessage): Promise<Turn> {
    const key = { userId: message.userId, conversationId: message.conversationId };
    const state = unpackState(await this.options.store.read(key).catch(() => undefined));
    const lang = state?.lang ?? langOfLocale(message.locale) ?? 'de';
    const phrases = new Phrasebook(this.options.content, message.channel, [], this.random);
    const voice = voiceOf(lang, state?.voice ?? 'sie');
    this.crises.forgetUser(message.userId);
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

  /**
   * Deletes everything stored about a user without a message to answer (the
   * user blocked or removed the bot): the store's keys and the open crises
   * remembered in this process.
   */
  async forgetUser(userId: string): Promise<void> {
    this.crises.forgetUser(userId);
    await this.options.store.forgetUser(userId);
  }

  // The error boundary of a turn: reported once by code, the apology in the user's voice, and
  // their place in the flow cleared, so the next message starts from a fresh choice (the way on).
  private async apologise(message: IncomingMessage, error: unknown): Promise<Turn> {
    this.options.onFailure?.({
      code: ERROR_CODES.turnFailed,
      channel: message.channel,
      error: errorName(error),
    });
    const key = { userId: message.userId, conversationId: message.conversationId };
    const state = await this.options.store
      .update(key, (raw) => {
        const stored = unpackState(raw);
        return { next: stored && withoutPlace(stored), result: stored };
      })
      .catch(() => undefined);
    const lang = state?.lang ?? langOfLocale(message.locale) ?? 'de';
    const phrases = new Phrasebook(this.options.content, message.channel, [], this.random);
    return {
      replies: [{ text: phrases.text(voiceOf(lang, state?.voice ?? 'sie'), 'error') }],
      outcome: 'continue',
      intent: 'error',
      lang,
      degraded: false,
    };
  }

  private aligned(stored: ConversationState | undefined): {
    state: ConversationState | undefined;
    lostPlace: boolean;
  } {
    return stored
      ? alignWithContent(stored, this.options.content, this.contentVersion)
      : { state: undefined, lostPlace: false };
  }

  // Without the store: answer from a fresh state and say so (unless it is a crisis answer). An open
  // crisis is remembered in this process, so its resources keep coming whether or not the store answers.
  private degraded(
    message: IncomingMessage,
    command: DialogueCommand | undefined,
    memoryKey: string,
  ): Turn {
    const { state, turn } = this.turn(undefined, message, command, memoryKey);
    this.crises.note(memoryKey, state, this.now());
    if (turn.outcome === 'escalated') return { ...turn, degraded: true };
    const phrases = new Phrasebook(this.options.content, message.channel, [], this.random);
    const note: Reply = { text: phrases.text(voiceOf(turn.lang, state.voice), 'degraded') };
    return { ...turn, replies: [...turn.replies, note], degraded: true };
  }

  private turn(
    stored: ConversationState | undefined,
    message: IncomingMessage,
    command: DialogueCommand | undefined,
    memoryKey: string,
    // Welcomed back after a content edit: the message is still read, so a crisis in it comes first.
    welcomeBack = false,
  ): { state: ConversationState; turn: Turn } {
    const now = this.now();
    const localeLang = langOfLocale(message.locale);
    const state = stored ?? freshState(localeLang ?? 'de', localeLang ? 'locale' : 'default', now);
    this.crises.restore(memoryKey, state, stored !== undefined, now);
    state.updatedAt = now;
    state.turns += 1;
    const text = message.text ?? '';
    this.followLanguage(state, text);
    this.noteConstraints(state, text);
    const inInventory = state.flow?.inventory !== undefined;
    // While counting, "fertig" and "weiter" belong to the count, not to the commands.
    const effectiveCommand = inInventory && command === 'stop' ? undefined : command;
    // A text without words (punctuation, whitespace) comes back with an empty ranking: no classification.
    const classified =
      text && (!effectiveCommand || welcomeBack)
        ? this.options.classifiers[state.lang].classify(text)
        : undefined;
    const classification = classified?.ranking.length ? classified : undefined;
    const act = classification ? this.readAct(state, text) : undefined;
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
        ...(act ? { act } : {}),
      },
      this.options.content,
      phrases,
      this.reader,
    );
    if (text.length > MAX_CLASSIFIED_CHARS) ctx.say('too_long');
    this.dialogue.handle(ctx, effectiveCommand);
    const replies = ctx.finish();
    // Every variant said in this conversation, oldest first, so no sentence comes twice while another exists.
    ctx.state.recent = [
      ...ctx.state.recent.filter((id) => !phrases.sent.includes(id)),
      ...phrases.sent,
    ].slice(-RECENT_VARIANTS);
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

  // Inside a flow, a message is first an answer to the step's question: which kind of answer is it,
  // among those that can answer what the step asks?
  private readAct(state: ConversationState, text: string): TurnInput['act'] {
    const classifier = this.options.answerClassifiers?.[state.lang];
    if (!classifier) return undefined;
    const kind = this.stepKind(state);
    const among = (t: string) =>
      classifier.classifyAmong
        ? classifier.classifyAmong(t, ACTS_FOR[kind])
        : classifier.classify(t);
    let read = among(text);
    // A hedge in front of an answer keeps the answer ("keine Ahnung, vielleicht frag ich ihn mal").
    const rest =
      read.intent === 'act.unsure' ? this.reader.afterHedge(text, state.lang) : undefined;
    if (rest) {
      const inner = among(rest);
      if (inner.intent !== 'act.unsure') read = inner;
    }
    const act = read.intent as AnswerAct;
    return ANSWER_ACTS.includes(act) ? { act, confidence: read.confidence } : undefined;
  }

  // What the current step asks for; a step that says nothing of it asks an open question.
  private stepKind(state: ConversationState): AnswerKind {
    const flow = state.flow;
    if (!flow) return 'open';
    const content = this.options.content;
    const step = content.flows[flow.intent]?.steps[flow.step] ?? content.sharedSteps[flow.step];
    return step?.asks ?? 'open';
  }

  // What the user tells of their circumstances stays known for the conversation (ids, never words).
  private noteConstraints(state: ConversationState, text: string): void {
    if (!text) return;
    const found = this.reader.constraints(text, state.lang);
    if (found.length) state.constraints = [...new Set([...(state.constraints ?? []), ...found])];
  }

  // Until the user chooses a language, a message clearly in the other language switches it.
  private followLanguage(state: ConversationState, text: string): void {
    if (state.langSource === 'user') return;
    const detected = this.reader.language(text, state.langSource === 'default');
    // A first message that confirms the language ends the lenient guess too: one stray "im" in
    // a later German answer ("irgendwas im Büro") must not switch to English.
    if (detected && (detected !== state.lang || state.langSource === 'default')) {
      state.lang = detected;
      state.langSource = 'detected';
    }
  }
}

// A state without a place in a flow or a practice round: language, voice, counts and progress stay.
function withoutPlace(state: ConversationState): ConversationState {
  return {
    ...state,
    flow: undefined,
    paused: undefined,
    pending: undefined,
    practice: undefined,
    rehearsal: undefined,
  };
}
