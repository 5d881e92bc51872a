import { isObjection, OBJECTION_INTENTS, type Lang, type ObjectionIntent } from '../nlu/intent-ids';
import { CrisisRule } from './crisis-rule';
import { FlowRunner } from './flow-runner';
import type { PitchRehearsalMode } from './pitch-rehearsal';
import type { PracticeMode } from './practice-mode';
import { prefixOf } from './response-keys';
import type { TurnContext } from './turn-context';
import type { CommandName } from './types';

/** Below this confidence, an objection heard while a step waits for an answer counts as the answer. */
const SWITCH_CONFIDENCE = 0.9;
/** From this many words a message is a story, whose facts are named back before anything else. */
const LONG_MESSAGE_WORDS = 12;
/** From this confidence an answer act counts as the answer even when the global intent says otherwise. */
const ANSWER_ACT_WINS = 0.6;
/** An objection this likely is worth offering when the message is out of scope or unclear. */
const LIKELY_OBJECTION = 0.1;
/** How many objections the welcome and the ask-back offer as buttons. */
const OBJECTION_BUTTONS = 3;

/** The commands, plus the language and voice choices that can be typed as words. */
export type DialogueCommand = CommandName | 'lang_de' | 'lang_en' | 'voice_du' | 'voice_sie';

/**
 * The conversation logic of one turn, in the order a coach would weigh things:
 * crisis first, then commands and button choices, then what the user said —
 * inside a flow as an answer, outside as a new topic.
 */
export class Dialogue {
  private readonly runner = new FlowRunner();
  private readonly crisis = new CrisisRule(this.runner);

  constructor(
    private readonly practice: PracticeMode,
    private readonly rehearsal: PitchRehearsalMode,
  ) {}

  /** Handles one turn; `command` is set when the message was a command. */
  handle(ctx: TurnContext, command?: DialogueCommand): void {
    if (this.crisis.applies(ctx)) return;
    if (command) return this.command(ctx, command);
    if (this.crisis.followUp(ctx)) return;
    const { choice } = ctx.input;
    if (choice === 'practice:pitch') return this.rehearsal.begin(ctx);
    if (choice && this.practice.choice(ctx, choice)) return;
    // In a pitch rehearsal, every message is the pitch said to the neighbour or the contact.
    if (ctx.state.rehearsal && !choice) return this.rehearsal.answer(ctx);
    const round = ctx.state.practice;
    // In a round, every message is an answer to the doubter; after its summary, anything else leaves practice.
    if (round && !round.finished && !choice) return this.practice.answer(ctx);
    if (round?.finished) ctx.state.practice = undefined;
    if (choice) return this.choice(ctx, choice);
    this.text(ctx);
  }

  /** The welcome: what Türöffner does, what it stores, and a first question. */
  welcome(ctx: TurnContext): void {
    ctx.state.welcomed = true;
    if (ctx.state.flow) {
      ctx.say('welcome_back');
      return this.runner.reask(ctx);
    }
    ctx.say('welcome');
    this.offerObjections(ctx, OBJECTION_INTENTS.slice(0, OBJECTION_BUTTONS));
  }

  private command(ctx: TurnContext, command: DialogueCommand): void {
    const { state } = ctx;
    state.pending = undefined;
    switch (command) {
      case 'start':
        return this.welcome(ctx);
      case 'help':
        ctx.say('help', { commands: ctx.phrases.label(ctx.voice, 'commands') });
        return this.runner.reask(ctx);
      case 'restart':
        Object.assign(state, {
          flow: undefined,
          paused: undefined,
          crisis: undefined,
          practice: undefined,
          rehearsal: undefined,
          seen: {},
          networkTotal: undefined,
        });
        ctx.say('restart');
        ctx.say('choose_objection');
        return this.offerObjections(ctx, OBJECTION_INTENTS.slice(0, OBJECTION_BUTTONS));
      case 'language':
        state.pending = 'language';
        ctx.say('language_choose');
        return ctx.offer([
          ctx.button('lang:de', 'button.lang_de'),
          ctx.button('lang:en', 'button.lang_en'),
        ]);
      case 'address':
        state.pending = 'voice';
        ctx.say('voice_choose');
        return ctx.offer([
          ctx.button('voice:du', 'button.voice_du'),
          ctx.button('voice:sie', 'button.voice_sie'),
        ]);
      case 'lang_de':
      case 'lang_en':
        return this.choice(ctx, command === 'lang_de' ? 'lang:de' : 'lang:en');
      case 'voice_du':
      case 'voice_sie':
        return this.choice(ctx, command === 'voice_du' ? 'voice:du' : 'voice:sie');
      case 'practice':
        return this.practice.menu(ctx);
      case 'progress':
        return this.practice.progress(ctx);
      case 'pitch':
        return this.runner.pitch.command(ctx);
      case 'stop':
        if (state.practice || state.rehearsal) return this.practice.stop(ctx);
        if (state.flow) {
          state.flow = undefined;
          ctx.outcome = 'ended';
        }
        return ctx.say('flow.end');
      default:
        // forget is handled by the engine before the dialogue.
        return ctx.say('help', { commands: ctx.phrases.label(ctx.voice, 'commands') });
    }
  }

  private choice(ctx: TurnContext, choice: string): void {
    const { state } = ctx;
    const pending = state.pending;
    state.pending = undefined;
    if (choice.startsWith('lang:')) {
      state.lang = choice === 'lang:en' ? 'en' : 'de';
      state.langSource = 'user';
      ctx.say('language_set');
      return this.runner.reask(ctx);
    }
    if (choice.startsWith('voice:')) {
      state.voice = choice === 'voice:du' ? 'du' : 'sie';
      ctx.say('voice_set');
      return this.runner.reask(ctx);
    }
    if (isObjection(choice)) return this.startObjection(ctx, choice);
    if (choice === 'something_else') return ctx.say('something_else');
    if (pending === 'resume' && (choice === 'resume_yes' || choice === 'resume_no'))
      return this.resume(ctx, choice === 'resume_yes');
    if (state.flow) return this.runner.answer(ctx);
    // A button of an older message whose question is no longer open: treat it like fresh text.
    this.text(ctx);
  }

  private text(ctx: TurnContext): void {
    const { state, input } = ctx;
    const classification = input.classification;
    if (input.nonText) return ctx.say('non_text');
    if (!classification) return ctx.say('no_words');
    const intent = classification.intent;
    const pending = state.pending;
    state.pending = undefined;
    if (pending === 'resume' && (intent === 'affirm' || intent === 'deny'))
      return this.resume(ctx, intent === 'affirm');
    if (state.flow && this.isAnswer(ctx)) return this.runner.answer(ctx);
    this.listenFirst(ctx);
    switch (intent) {
      case 'help':
        ctx.say('help', { commands: ctx.phrases.label(ctx.voice, 'commands') });
        return this.runner.reask(ctx);
      case 'goodbye':
        ctx.outcome = 'ended';
        return ctx.say('goodbye');
      case 'thanks':
        ctx.say(state.flow ? 'thanks_in_flow' : 'thanks');
        return this.runner.reask(ctx);
      case 'greeting':
        if (!state.flow) return ctx.say('greeting');
        ctx.say('greeting_in_flow');
        return this.runner.reask(ctx);
      case 'affirm':
      case 'deny':
        ctx.say(intent === 'affirm' ? 'affirm_no_context' : 'deny_no_context');
        return this.offerObjections(ctx, OBJECTION_INTENTS.slice(0, OBJECTION_BUTTONS));
      case 'out_of_scope':
        // Nothing fits well, but an objection is in the running: ask back rather than turn away.
        return this.likelyObjections(ctx).length ? this.askBack(ctx) : ctx.say('out_of_scope');
    }
    if (!isObjection(intent)) return ctx.say('out_of_scope');
    if (classification.unclear) return this.askBack(ctx);
    this.startObjection(ctx, intent);
  }

  // A long message that tells of months and applications, or a plain feeling, is named before any
  // question or menu ("Acht Monate, fünfzig Bewerbungen – das ist viel.").
  private listenFirst(ctx: TurnContext): void {
    const { text, act, classification } = ctx.input;
    const long = text.split(/\s+/).length >= LONG_MESSAGE_WORDS;
    const told = long && ctx.reader.burden(text, ctx.state.lang) !== undefined;
    const feeling =
      act?.act === 'act.feeling' &&
      act.confidence >= ANSWER_ACT_WINS &&
      !isObjection(classification?.intent ?? '');
    if (told || feeling) this.runner.listenToFeeling(ctx);
  }

  /**
   * Whether a message inside a flow is the answer to the current step: anything
   * but a greeting, thanks, help or goodbye — and but a confident new objection,
   * which switches the topic instead.
   */
  private isAnswer(ctx: TurnContext): boolean {
    // While counting, every message is part of the count ("weiter", "fertig", "12"); a step that
    // holds the topic takes stories that may sound like objections ("über meinen Kumpel …").
    const flow = ctx.state.flow;
    if (flow?.inventory || (flow && this.runner.step(ctx, flow.step).hold)) return true;
    if (ctx.reader.dontKnow(ctx.input.text, ctx.state.lang)) return true;
    // A short answer that opens with a no answers the question ("no, nobody really"), however
    // much it sounds like an objection.
    if (ctx.reader.no(ctx.input.text, ctx.state.lang) && ctx.input.text.split(/\s+/).length <= 4)
      return true;
    const classification = ctx.input.classification;
    const intent = classification?.intent ?? 'out_of_scope';
    // The flow's own objection said again in answer to an open question is its answer ("die sind
    // halt kontaktfreudiger"); insisting at a yes/no question takes the next angle instead.
    const step = flow ? this.runner.step(ctx, flow.step) : undefined;
    if (intent === flow?.intent && step?.expect === 'open') return true;
    // A confident answer act wins over an unrelated global intent ("Ich könnte mich mal wieder bei ihr
    // melden" is a plan, not a goodbye) unless the message is clearly a new objection.
    const act = ctx.input.act;
    const short = ctx.input.text.split(/\s+/).length <= 3;
    // A short greeting, thanks or goodbye stays one; "Wie meinst du?" is a counter-question, not help.
    const smallTalk = ['greeting', 'thanks', 'goodbye'].includes(intent);
    if (act && act.confidence >= ANSWER_ACT_WINS && !isObjection(intent) && !(smallTalk && short))
      return true;
    if (['greeting', 'thanks', 'help', 'goodbye'].includes(intent)) {
      // A long answer that also thanks ("danke, gute Frage, ich …") is still an answer.
      return ctx.input.text.split(/\s+/).length > 6;
    }
    if (!isObjection(intent)) return true;
    return (
      classification?.unclear === true || (classification?.confidence ?? 0) < SWITCH_CONFIDENCE
    );
  }

  private startObjection(ctx: TurnContext, intent: ObjectionIntent): void {
    const { state } = ctx;
    if (state.flow && state.flow.intent !== intent) {
      state.paused = state.flow;
      ctx.say('switch_topic');
    } else if (state.paused?.intent === intent) {
      state.paused = undefined;
    }
    state.flow = undefined;
    this.runner.start(ctx, intent);
  }

  // The objections the classifier considered, best first, that are not far-fetched.
  private likelyObjections(ctx: TurnContext): ObjectionIntent[] {
    return (ctx.input.classification?.ranking ?? [])
      .filter((r) => r.confidence >= LIKELY_OBJECTION)
      .map((r) => r.intent)
      .filter((intent): intent is ObjectionIntent => isObjection(intent))
      .slice(0, OBJECTION_BUTTONS);
  }

  private askBack(ctx: TurnContext): void {
    const likely = this.likelyObjections(ctx);
    ctx.state.pending = 'unclear';
    ctx.say('unclear');
    this.offerObjections(
      ctx,
      likely.length ? likely : OBJECTION_INTENTS.slice(0, OBJECTION_BUTTONS),
    );
  }

  private resume(ctx: TurnContext, yes: boolean): void {
    const paused = ctx.state.paused;
    ctx.state.paused = undefined;
    if (yes && paused) {
      ctx.state.flow = paused;
      return this.runner.reask(ctx);
    }
    ctx.say('something_else');
  }

  private offerObjections(ctx: TurnContext, intents: readonly ObjectionIntent[]): void {
    const buttons = intents.map((intent) =>
      ctx.button(intent, `objection_label.${prefixOf(intent)}`),
    );
    ctx.offer([...buttons, ctx.button('something_else')]);
  }
}

/** The language of a platform locale ("de-AT" → de), if Türöffner speaks it. */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  const base = locale?.slice(0, 2).toLowerCase();
  return base === 'de' || base === 'en' ? base : undefined;
}
