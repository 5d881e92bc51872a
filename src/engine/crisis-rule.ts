import type { FlowRunner } from './flow-runner';
import type { TurnContext } from './turn-context';

/**
 * The always-on safety rule. A statement of crisis is answered from any state
 * with the fixed crisis message (help now, the offer of a human) and never with
 * a reframing. The flow pauses; it resumes only when the user says they can go
 * on, so a following "war nur Spaß" does not make the bot forget.
 */
export class CrisisRule {
  constructor(private readonly runner: FlowRunner) {}

  /** Whether this message is a crisis statement; if so, answers it. */
  applies(ctx: TurnContext): boolean {
    const classification = ctx.input.classification;
    const intent = classification?.intent ?? '';
    if (!intent.startsWith('crisis')) return false;
    // A practice answer is a coach's sentence, outside what the intent classifier knows: there only
    // the crisis patterns count, not the classifier's crisis probability.
    const practising = ctx.state.practice && !ctx.state.practice.finished;
    if (practising && classification?.crisis === 'none') return false;
    this.pauseFlow(ctx);
    const clear = intent === 'crisis' || ctx.state.crisis?.level === 'clear';
    ctx.state.crisis = { level: clear ? 'clear' : 'possible', at: ctx.state.updatedAt };
    ctx.outcome = 'escalated';
    if (clear) this.sayClear(ctx);
    else {
      ctx.state.pending = 'crisis_check';
      ctx.say('crisis.possible');
      ctx.offer([ctx.button('crisis_yes'), ctx.button('crisis_no')]);
    }
    return true;
  }

  /** While a crisis is open, every other message gets the follow-up; returns whether it handled one. */
  followUp(ctx: TurnContext): boolean {
    const crisis = ctx.state.crisis;
    if (!crisis) return false;
    const { choice, classification, text } = ctx.input;
    const lang = ctx.state.lang;
    const intent = classification?.intent;
    const saysYes = !choice && (ctx.reader.yes(text, lang) || intent === 'affirm');
    const saysNo = !choice && (ctx.reader.no(text, lang) || intent === 'deny');
    if (choice === 'human') {
      ctx.outcome = 'escalated';
      ctx.say('crisis.human');
      return true;
    }
    if (choice === 'crisis_yes' || (ctx.state.pending === 'crisis_check' && saysYes)) {
      ctx.state.crisis = { ...crisis, level: 'clear' };
      ctx.outcome = 'escalated';
      this.sayClear(ctx);
      return true;
    }
    const relieved = crisis.level === 'possible' && (choice === 'crisis_no' || saysNo);
    const goOn =
      crisis.level === 'clear' &&
      ctx.state.pending === 'crisis_followup' &&
      (choice === 'resume_yes' || saysYes);
    if (relieved || goOn) {
      ctx.say(relieved ? 'crisis.relieved' : 'crisis.resume');
      this.resume(ctx);
      return true;
    }
    ctx.state.pending = 'crisis_followup';
    ctx.say('crisis.followup');
    ctx.offer([ctx.button('resume_yes', 'button.crisis_go_on'), ctx.button('human')]);
    return true;
  }

  private sayClear(ctx: TurnContext): void {
    ctx.state.pending = 'crisis_followup';
    ctx.say('crisis.clear');
    ctx.offer([ctx.button('human'), ctx.button('continue')]);
  }

  private pauseFlow(ctx: TurnContext): void {
    if (ctx.state.flow) {
      ctx.state.paused = ctx.state.flow;
      ctx.state.flow = undefined;
    }
  }

  private resume(ctx: TurnContext): void {
    ctx.state.crisis = undefined;
    ctx.state.pending = undefined;
    if (ctx.state.paused) {
      ctx.state.flow = ctx.state.paused;
      ctx.state.paused = undefined;
      this.runner.reask(ctx);
    }
  }
}
