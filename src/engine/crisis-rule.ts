import { crisisResponse } from '../nlu/crisis-policy';
import type { FlowRunner } from './flow-runner';
import type { OpenCrisis } from './state';
import type { TurnContext } from './turn-context';

/** How often an unclear answer after the gentle question is asked about again before the user goes on. */
const MAX_CHECK_FOLLOWUPS = 1;

/** Answer acts that carry no distress: a model-only alarm on them is a false alarm. */
const BENIGN_ACTS = new Set<string>([
  'act.agree',
  'act.own_step',
  'act.contact',
  'act.reflect',
  'act.story_person',
  'act.story_ad',
  'act.story_agency',
  'act.story_chance',
]);

/** What an answer to a crisis message says. */
type CrisisAnswer = 'yes' | 'no' | 'go_on' | 'human' | 'other';

/**
 * The always-on safety rule, run before anything else reads a message. What
 * counts as a crisis is decided by the one crisis policy (nlu/crisis-policy.ts);
 * this rule answers it from any state: the fixed crisis message (help now, the
 * offer of a human) and never a reframing. The flow pauses and resumes only
 * when the user says they can go on, so a following "war nur Spaß" does not
 * make the bot forget. The gentle question of a possible crisis can always be
 * answered: a yes (or another crisis statement) escalates, a no in any wording
 * relieves it and the user goes on where they were.
 */
export class CrisisRule {
  constructor(private readonly runner: FlowRunner) {}

  /** Whether this message is a crisis statement; if so, answers it. */
  applies(ctx: TurnContext): boolean {
    const assessment = ctx.input.classification?.crisis;
    if (!assessment) return false;
    const practising = Boolean(ctx.state.practice && !ctx.state.practice.finished);
    const act = ctx.input.act;
    const benignAnswer = Boolean(
      ctx.state.flow && act && act.confidence >= 0.6 && BENIGN_ACTS.has(act.act),
    );
    const level = crisisResponse(assessment, { practising, benignAnswer });
    if (level === 'none') return false;
    this.pauseFlow(ctx);
    ctx.outcome = 'escalated';
    const open = ctx.state.crisis;
    // Once clear, it stays clear; a second sign while the gentle question is open escalates.
    const escalate =
      level === 'clear' ||
      open?.level === 'clear' ||
      (level === 'possible' && open?.level === 'possible');
    if (escalate) return (this.sayClear(ctx), true);
    if (level === 'third_party') {
      this.open(ctx, 'third_party');
      ctx.state.pending = 'crisis_followup';
      ctx.say('crisis.third_party');
      ctx.offer([ctx.button('resume_yes', 'button.crisis_go_on'), ctx.button('human')]);
      return true;
    }
    this.open(ctx, 'possible');
    ctx.state.pending = 'crisis_check';
    ctx.say('crisis.possible');
    ctx.offer([ctx.button('crisis_yes'), ctx.button('crisis_no')]);
    return true;
  }

  /** While a crisis is open, every other message is read as an answer to it; returns whether it handled one. */
  followUp(ctx: TurnContext): boolean {
    const crisis = ctx.state.crisis;
    if (!crisis) return false;
    const answer = this.read(ctx);
    if (answer === 'human') {
      ctx.outcome = 'escalated';
      ctx.say('crisis.human');
      return true;
    }
    if (crisis.level === 'possible') return this.afterCheck(ctx, crisis, answer);
    if (crisis.level === 'third_party' || answer === 'go_on') {
      ctx.say(crisis.level === 'third_party' ? 'crisis.third_party_resume' : 'crisis.resume');
      return (this.resume(ctx), true);
    }
    ctx.outcome = 'escalated';
    ctx.state.pending = 'crisis_followup';
    ctx.say('crisis.followup');
    ctx.offer([ctx.button('resume_yes', 'button.crisis_go_on'), ctx.button('human')]);
    return true;
  }

  // The answer to the gentle question: yes escalates, no or "go on" relieves, anything else is
  // asked about once more — never more than once before the user can go on.
  private afterCheck(ctx: TurnContext, crisis: OpenCrisis, answer: CrisisAnswer): boolean {
    if (answer === 'yes') return (this.sayClear(ctx), true);
    if (answer === 'other' && (crisis.followups ?? 0) < MAX_CHECK_FOLLOWUPS) {
      crisis.followups = (crisis.followups ?? 0) + 1;
      ctx.state.pending = 'crisis_check';
      ctx.say('crisis.check_again');
      ctx.offer([ctx.button('crisis_yes'), ctx.button('resume_yes', 'button.crisis_go_on')]);
      return true;
    }
    ctx.say('crisis.relieved');
    return (this.resume(ctx), true);
  }

  private read(ctx: TurnContext): CrisisAnswer {
    const { choice, classification, text } = ctx.input;
    if (choice === 'human') return 'human';
    if (choice === 'crisis_yes') return 'yes';
    if (choice === 'crisis_no') return 'no';
    if (choice === 'resume_yes') return 'go_on';
    if (choice) return 'other';
    const { reader, state } = ctx;
    const lang = state.lang;
    const lexicon = ctx.content.lexicon;
    // "Ja, wir können weitermachen" is a wish to go on, not a yes to the crisis question.
    if (reader.mentions(text, lang, lexicon.crisisGoOn)) return 'go_on';
    if (reader.opensWithNo(text, lang) || reader.mentions(text, lang, lexicon.crisisRelief))
      return 'no';
    if (reader.yes(text, lang) || classification?.intent === 'affirm') return 'yes';
    return classification?.intent === 'deny' ? 'no' : 'other';
  }

  private sayClear(ctx: TurnContext): void {
    this.open(ctx, 'clear');
    ctx.state.pending = 'crisis_followup';
    ctx.say('crisis.clear');
    ctx.offer([ctx.button('human'), ctx.button('continue')]);
  }

  private open(ctx: TurnContext, level: OpenCrisis['level']): void {
    ctx.state.crisis = { level, at: ctx.state.updatedAt };
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
