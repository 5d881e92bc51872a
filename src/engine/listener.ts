import type { StepDefinition } from './content';
import type { TurnContext } from './turn-context';

/** An answer act this likely is acted on; below it, the step reads the answer by its words alone. */
const ACT_CONFIDENCE = 0.45;

/** An own step is taken as the user's commitment only from this confidence on. */
const OWN_STEP_CONFIDENCE = 0.6;

/** What the step should do with an answer once it has been listened to. */
export type Heard = 'reask' | 'own_step' | 'agree' | 'decline' | 'unsure' | 'feeling' | 'continue';

/**
 * Listens before the flow goes on: reads an answer against what the step's
 * question asked (a counter-question, a feeling, a named contact, the user's
 * own plan, resistance) and says what it heard in the bot's words, so the next
 * turn builds on what the user said instead of a canned next step.
 */
export class Listener {
  /** Reads the answer to `step`, says what was heard, and tells the step how to go on. */
  listen(ctx: TurnContext, step: StepDefinition): Heard {
    const kind = step.asks ?? 'open';
    const read = ctx.input.act;
    const act = read && read.confidence >= ACT_CONFIDENCE ? read.act : undefined;
    const flow = ctx.state.flow;
    switch (act) {
      case 'act.question':
        if (!flow || flow.reasks >= 1) return 'continue';
        flow.reasks++;
        ctx.say(`explain.${kind}`);
        return 'reask';
      case 'act.own_step':
        // Committing is a big step to take on a guess, and a flow commits once.
        if (kind === 'story' || kind === 'pitch' || flow?.committed) break;
        if ((read?.confidence ?? 0) < OWN_STEP_CONFIDENCE) break;
        // The plan said back in the bot's words, with the person it names ("Sich bei Ihrem Onkel zu melden").
        if (this.noteContact(ctx, false)) ctx.say('listen.own_step_with', this.leadVars(ctx));
        else ctx.say('listen.own_step');
        return 'own_step';
      case 'act.contact':
        if (kind === 'story') break;
        if (!this.noteContact(ctx, true)) ctx.say('listen.contact_unnamed');
        return 'continue';
      case 'act.feeling':
        this.sayFeeling(ctx);
        return kind === 'yesno' ? 'unsure' : 'feeling';
      case 'act.resist':
        ctx.say('listen.resist');
        return 'decline';
      case 'act.decline':
        if (kind !== 'yesno') ctx.say('listen.decline');
        return 'decline';
      case 'act.agree':
        return 'agree';
      case 'act.unsure':
        return 'unsure';
    }
    // A contact named in passing — also the person behind the last job — is a lead for the next
    // step; named in answer to "who?", it is said back.
    this.noteContact(ctx, kind === 'person');
    return 'continue';
  }

  // Keeps the role and place of a named contact (never a name) and, if asked to, says it back.
  private noteContact(ctx: TurnContext, sayBack: boolean): boolean {
    const contact = ctx.reader.contact(ctx.input.text, ctx.state.lang);
    if (!contact) return false;
    ctx.state.lead = contact;
    if (sayBack) ctx.say('listen.contact', this.leadVars(ctx));
    return true;
  }

  /** A long story of months and applications, or a feeling, is named before anything else is asked. */
  sayFeeling(ctx: TurnContext): void {
    const facts = ctx.reader.burden(ctx.input.text, ctx.state.lang);
    if (facts) ctx.say('listen.burden', { facts });
    else ctx.say('listen.feeling');
  }

  /** The placeholders that name the user's contact: {who}, {who_dative}, {where}. */
  leadVars(ctx: TurnContext): Record<string, string> {
    const lead = ctx.state.lead;
    const role = ctx.content.lexicon.roles.find((r) => r.id === lead?.role);
    if (!lead || !role) return {};
    const forms = role.forms[ctx.voice];
    return {
      who: forms.nominative,
      who_dative: forms.dative,
      where: lead.place ? ` ${lead.place}` : '',
    };
  }
}
