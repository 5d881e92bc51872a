import { isObjection, type ObjectionIntent } from '../nlu/intent-ids';
import type { FlowRunner } from './flow-runner';
import { countWords, PitchComposer } from './pitch-composer';
import { PITCH_OPTIONS, PITCH_PARTS, type PitchOption, type PitchPart } from './pitch-definition';
import type { PitchDraft } from './state';
import type { TurnContext } from './turn-context';

/** An objection this sure, said while a question of the builder is open, is set aside, not taken as the answer. */
const ASIDE_CONFIDENCE = 0.9;
/** Small talk of at most this many words is no answer ("Hallo", "danke"); a longer message may be one. */
const SMALL_TALK_WORDS = 4;
/** A question of more words than this may still be an answer ("Ich suche …, kennen Sie jemanden?"). */
const QUESTION_WORDS = 8;
/** Under a shown pitch, a message of at least this many words that is no option is the user's own version. */
const OWN_VERSION_WORDS = 8;
/** The flow a pitch built on its own (the "pitch" command) runs in: only its shared steps are used. */
const STANDALONE_FLOW: ObjectionIntent = 'objection.knows_nobody';

/**
 * The elevator pitch builder, the "anderes Mal" of the interview: three
 * questions one at a time (who I am professionally; what I am good at, with
 * an example; what I am looking for and how someone could help), each answer
 * acknowledged, a vague one asked once for a concrete detail. Then the pitch is
 * composed (pitch-composer.ts), shown, and offered shorter, more casual, more
 * formal or for the user's own edit. It is stored only after the user's yes.
 */
export class PitchBuilder {
  constructor(private readonly runner: FlowRunner) {}

  /** Starts building: the first question. */
  begin(ctx: TurnContext): void {
    const flow = ctx.state.flow;
    if (!flow) return;
    const register = ctx.content.pitch.defaultRegister[ctx.voice] ?? 'standard';
    flow.pitch = { part: 0, answers: [], style: { register, short: false } };
    ctx.say('pitch.intro');
    this.ask(ctx);
  }

  /** Asks what the builder waits for (again, after a crisis, a greeting or help). */
  ask(ctx: TurnContext): void {
    const draft = ctx.state.flow?.pitch;
    if (!draft) return;
    const part = PITCH_PARTS[draft.part];
    if (part) return ctx.say(`pitch.ask.${part}`);
    if (draft.awaiting === 'own_version') return ctx.say('pitch.edit_ask');
    if (draft.awaiting === 'store') return this.askToStore(ctx);
    this.show(ctx, draft);
  }

  /** Takes the user's answer to whatever the builder asked. */
  answer(ctx: TurnContext): void {
    const draft = ctx.state.flow?.pitch;
    if (!draft) return this.begin(ctx);
    const part = PITCH_PARTS[draft.part];
    if (part) return this.answerQuestion(ctx, draft, part);
    if (draft.awaiting === 'own_version') return this.takeOwnVersion(ctx, draft);
    if (draft.awaiting === 'store') return this.answerStore(ctx, draft);
    this.answerOption(ctx, draft);
  }

  /** The "pitch" command: the stored pitch, or — with none and outside a flow — a new one built now. */
  command(ctx: TurnContext): void {
    const saved = ctx.state.pitch;
    if (saved) {
      ctx.say('pitch.saved_show', { pitch: saved.text });
      return this.runner.reask(ctx);
    }
    if (ctx.state.flow) {
      ctx.say('pitch.none_in_flow');
      return this.runner.reask(ctx);
    }
    ctx.say('pitch.none');
    ctx.state.flow = { intent: STANDALONE_FLOW, step: 'pitch_build', reasks: 0 };
    this.runner.enter(ctx, 'pitch_build');
  }

  // === The three questions

  private answerQuestion(ctx: TurnContext, draft: PitchDraft, part: PitchPart): void {
    const { text } = ctx.input;
    // "I don't know" may sound like "I don't know anyone", but here it is an answer.
    const aside = ctx.reader.dontKnow(text, ctx.state.lang) ? undefined : this.aside(ctx);
    if (aside) {
      ctx.say(aside);
      return ctx.say(`pitch.ask.${part}`);
    }
    if (!draft.detailAsked && this.vague(ctx, part)) {
      draft.detailAsked = true;
      return ctx.say(`pitch.detail.${part}`);
    }
    // Still no answer after the gentle ask: the part stays out rather than "Ich bin weiß nicht."
    const unknown = ctx.reader.dontKnow(text, ctx.state.lang);
    draft.answers[draft.part] = unknown ? '' : text.slice(0, ctx.content.pitch.maxAnswerChars * 2);
    draft.detailAsked = false;
    ctx.say(unknown ? 'pitch.ack.skipped' : `pitch.ack.${part}`);
    draft.part++;
    const next = PITCH_PARTS[draft.part];
    if (next) return ctx.say(`pitch.ask.${next}`);
    draft.awaiting = 'option';
    this.show(ctx, draft);
  }

  // Small talk, an off-topic question or a new objection is answered briefly, and the question stays open.
  private aside(ctx: TurnContext): 'pitch.off_topic' | 'pitch.objection_aside' | undefined {
    const { classification, text } = ctx.input;
    const intent = classification?.intent ?? 'out_of_scope';
    const words = countWords(text);
    if (
      isObjection(intent) &&
      !classification?.unclear &&
      (classification?.confidence ?? 0) >= ASIDE_CONFIDENCE
    )
      return 'pitch.objection_aside';
    if (['greeting', 'thanks', 'goodbye', 'help'].includes(intent) && words <= SMALL_TALK_WORDS)
      return 'pitch.off_topic';
    if (text.trim().endsWith('?') && words <= QUESTION_WORDS) return 'pitch.off_topic';
    return undefined;
  }

  // "ich kann alles", "irgendwas im Büro", "anything": too little to build a sentence on.
  private vague(ctx: TurnContext, part: PitchPart): boolean {
    const { text } = ctx.input;
    const lang = ctx.state.lang;
    const pitch = ctx.content.pitch;
    const words = countWords(text);
    if (words < pitch.minWords[part] || ctx.reader.dontKnow(text, lang)) return true;
    return words <= 6 && ctx.reader.mentions(text, lang, pitch.vague);
  }

  // === The shown pitch and its options

  private show(ctx: TurnContext, draft: PitchDraft): void {
    ctx.say('pitch.show', { pitch: this.text(ctx, draft) });
    ctx.offer(PITCH_OPTIONS.map((option) => ctx.button(`pitch_${option}`)));
  }

  private answerOption(ctx: TurnContext, draft: PitchDraft): void {
    const option = this.option(ctx);
    switch (option) {
      case 'keep':
        draft.awaiting = 'store';
        return this.askToStore(ctx);
      case 'shorter':
        draft.style.short = true;
        ctx.say('pitch.made_shorter');
        return this.show(ctx, draft);
      case 'casual':
      case 'formal':
        draft.style.register = option;
        ctx.say(option === 'casual' ? 'pitch.made_casual' : 'pitch.made_formal');
        return this.show(ctx, draft);
      case 'edit':
        draft.awaiting = 'own_version';
        return ctx.say('pitch.edit_ask');
    }
    // A longer message under the pitch is the user's own version of it.
    if (countWords(ctx.input.text) >= OWN_VERSION_WORDS) return this.takeOwnVersion(ctx, draft);
    ctx.say('pitch.option_reask');
    ctx.offer(PITCH_OPTIONS.map((o) => ctx.button(`pitch_${o}`)));
  }

  private takeOwnVersion(ctx: TurnContext, draft: PitchDraft): void {
    const own = ctx.input.text.replace(/\s+/g, ' ').trim();
    if (!own) return ctx.say('pitch.edit_ask');
    draft.own = own.slice(0, ctx.content.pitch.maxAnswerChars * 2);
    const words = countWords(draft.own);
    ctx.say('pitch.own', { pitch: draft.own });
    if (words > ctx.content.pitch.maxWords) ctx.say('pitch.own_long', { words });
    draft.awaiting = 'store';
    this.askToStore(ctx);
  }

  private askToStore(ctx: TurnContext): void {
    ctx.say('pitch.store_ask');
    ctx.offer([ctx.button('pitch_store_yes'), ctx.button('pitch_store_no')]);
  }

  // Stored only with the user's yes; a no leaves it shown, for them to copy, and keeps nothing.
  private answerStore(ctx: TurnContext, draft: PitchDraft): void {
    const { choice, text, classification } = ctx.input;
    const lang = ctx.state.lang;
    const yes =
      choice === 'pitch_store_yes' ||
      (!choice && (ctx.reader.yes(text, lang) || classification?.intent === 'affirm'));
    const no =
      choice === 'pitch_store_no' ||
      (!choice && (ctx.reader.no(text, lang) || classification?.intent === 'deny'));
    if (yes) {
      ctx.state.pitch = { text: this.text(ctx, draft), savedAt: ctx.state.updatedAt };
      ctx.say('pitch.saved');
      return this.finish(ctx);
    }
    if (no) {
      ctx.say('pitch.not_saved');
      return this.finish(ctx);
    }
    // "Doch lieber kürzer": back to the options.
    if (this.option(ctx) || countWords(text) >= OWN_VERSION_WORDS) {
      draft.awaiting = 'option';
      draft.own = undefined;
      return this.answerOption(ctx, draft);
    }
    this.askToStore(ctx);
  }

  private finish(ctx: TurnContext): void {
    const flow = ctx.state.flow;
    if (!flow) return;
    flow.pitch = undefined;
    this.runner.enter(ctx, this.runner.step(ctx, flow.step).next ?? 'end');
  }

  private text(ctx: TurnContext, draft: PitchDraft): string {
    return (
      draft.own ??
      new PitchComposer(ctx.content.pitch).compose(draft.answers, ctx.state.lang, draft.style)
    );
  }

  // A pressed option, or one typed as a short message ("kürzer", "lieber lockerer"); changes win over "passt".
  private option(ctx: TurnContext): PitchOption | undefined {
    const { choice, text } = ctx.input;
    if (choice?.startsWith('pitch_')) {
      const id = choice.slice('pitch_'.length);
      return (PITCH_OPTIONS as readonly string[]).includes(id) ? (id as PitchOption) : undefined;
    }
    const lang = ctx.state.lang;
    if (countWords(text) > SMALL_TALK_WORDS) return undefined;
    const options = ctx.content.pitch.options;
    const order: PitchOption[] = ['shorter', 'casual', 'formal', 'edit', 'keep'];
    return order.find((o) => ctx.reader.mentions(text, lang, options[o]));
  }
}
