import { isObjection, type ObjectionIntent } from '../nlu/intent-ids';
import type { FlowDefinition, KeyChoice, StepDefinition } from './content';
import { Inventory } from './inventory';
import { Listener, type Heard } from './listener';
import { PitchBuilder } from './pitch-builder';
import { prefixOf, type ResponseKey, type SharedFlowKey } from './response-keys';
import type { TurnContext } from './turn-context';

/** The last-job path an answer act stands for; "person" is refined by the words (family, club …). */
const STORY_PATHS: Partial<Record<string, string>> = {
  'act.story_person': 'person',
  'act.story_ad': 'advert',
  'act.story_agency': 'agency',
  'act.story_chance': 'chance',
};
/** A chain of steps without a question in between is short; more means a loop in flows.yml. */
const MAX_CHAINED_STEPS = 12;

/**
 * Walks the coaching flows of responses/flows.yml: enters steps, says their
 * texts, offers their buttons, and moves on according to the user's answer.
 */
export class FlowRunner {
  private readonly inventory = new Inventory(this);
  private readonly listener = new Listener();
  /** The elevator pitch builder; the dialogue also asks it for the "pitch" command. */
  readonly pitch = new PitchBuilder(this);

  /** Names a feeling or the burden a message tells (outside a flow, before anything else). */
  listenToFeeling(ctx: TurnContext): void {
    this.listener.sayFeeling(ctx);
  }

  /** Starts the flow of an objection, at the next angle if it came up before. */
  start(ctx: TurnContext, intent: ObjectionIntent): void {
    const flow = this.flowOf(ctx, intent);
    const seen = ctx.state.seen[intent] ?? 0;
    ctx.state.seen[intent] = seen + 1;
    if (seen > 0) ctx.say('repeat_objection');
    ctx.state.flow = {
      intent,
      step: flow.angles[seen % flow.angles.length] ?? flow.angles[0] ?? 'end',
      reasks: 0,
    };
    this.enter(ctx, ctx.state.flow.step);
  }

  /** Handles the user's answer to the current step. */
  answer(ctx: TurnContext): void {
    const flow = ctx.state.flow;
    if (!flow) return;
    const step = this.step(ctx, flow.step);
    if (step.action === 'inventory') return this.inventory.answer(ctx);
    if (step.action === 'pitch') return this.pitch.answer(ctx);
    const heard = this.listener.listen(ctx, step);
    if (heard === 'reask') return this.reask(ctx);
    if (heard === 'own_step') return this.enter(ctx, 'commit_own');
    if (step.expect === 'yesno') return this.answerYesNo(ctx, step, heard);
    const { text } = ctx.input;
    if (step.action === 'remember_last_job') this.rememberLastJob(ctx);
    else if (this.helpedAlong(ctx, step, heard)) ctx.say('last_job.helped_person', this.vars(ctx));
    else if (heard === 'unsure' || ctx.reader.dontKnow(text, ctx.state.lang)) ctx.say('dont_know');
    const next = heard === 'feeling' ? (step.on_feeling ?? step.next) : step.next;
    this.enter(ctx, next ?? 'end');
  }

  /** Asks the current step's question again (after a greeting, thanks, help or a crisis). */
  reask(ctx: TurnContext): void {
    const flow = ctx.state.flow;
    if (!flow) return;
    const step = this.step(ctx, flow.step);
    if (step.action === 'inventory') return this.inventory.ask(ctx);
    if (step.action === 'pitch') return this.pitch.ask(ctx);
    const question = step.say?.at(-1);
    if (question) ctx.say(this.key(ctx, question));
    if (step.buttons?.length) ctx.offer(step.buttons.map((id) => ctx.button(id)));
  }

  /** Enters a step: says its texts, runs its action, and goes straight on if it expects nothing. */
  enter(ctx: TurnContext, stepId: string, depth = 0): void {
    const flow = ctx.state.flow;
    if (!flow || depth > MAX_CHAINED_STEPS) return;
    const step = this.step(ctx, stepId);
    if (step.skip_if === 'known_last_job' && ctx.state.lastJob) {
      const path = ctx.reader.pathById(ctx.state.lastJob);
      if (path?.person) ctx.say('own_evidence', { via: this.via(ctx) });
      return this.enter(ctx, step.skip_to ?? step.next ?? 'end', depth + 1);
    }
    // A pitch is kept already: reminded of it instead of being offered a new one.
    if (step.skip_if === 'known_pitch' && ctx.state.pitch) {
      ctx.say('pitch.reminder');
      return this.enter(ctx, step.skip_to ?? step.next ?? 'end', depth + 1);
    }
    flow.step = stepId;
    flow.reasks = 0;
    if (step.action === 'inventory') return this.inventory.begin(ctx);
    if (step.action === 'pitch') return this.pitch.begin(ctx);
    for (const key of step.say ?? []) ctx.say(this.key(ctx, key), this.vars(ctx));
    if (step.action === 'commit') {
      ctx.state.commitments++;
      flow.committed = true;
    }
    if (step.action === 'end') return this.end(ctx);
    if (!step.expect || step.expect === 'none')
      return this.enter(ctx, step.next ?? 'end', depth + 1);
    if (step.buttons?.length) ctx.offer(step.buttons.map((id) => ctx.button(id)));
  }

  /** The flow definition of an objection. */
  flowOf(ctx: TurnContext, intent: ObjectionIntent): FlowDefinition {
    const flow = ctx.content.flows[intent];
    if (!flow) throw new Error(`responses/flows.yml has no flow for ${intent}`);
    return flow;
  }

  /** The step definition of an id: the flow's own, else the shared one. */
  step(ctx: TurnContext, stepId: string): StepDefinition {
    const intent = ctx.state.flow?.intent;
    const own = intent && isObjection(intent) ? this.flowOf(ctx, intent).steps[stepId] : undefined;
    const step = own ?? ctx.content.sharedSteps[stepId];
    if (!step) throw new Error(`responses/flows.yml has no step "${stepId}"`);
    return step;
  }

  // === Helpers

  // How the last job came about: the answer's act says which kind of way (a person, an ad, an
  // agency, a lucky chance); the words say which person. Only the path id is kept.
  private rememberLastJob(ctx: TurnContext): void {
    const { text, act } = ctx.input;
    const lang = ctx.state.lang;
    const byWords = ctx.reader.lastJobPath(text, lang);
    const byAct = act && act.confidence >= 0.45 ? STORY_PATHS[act.act] : undefined;
    const person = byWords?.person ? byWords.id : 'friend';
    const path = byAct === 'person' ? person : (byAct ?? byWords?.id);
    if (path) ctx.state.lastJob = path;
    else if (ctx.reader.dontKnow(text, lang)) ctx.say('dont_know');
    // The person behind it is said back by role ("über Ihren Schwager"), never by name.
    const role = ctx.reader.pathById(path)?.person
      ? ctx.reader.contact(text, lang)?.role
      : undefined;
    ctx.state.lastJobRole = role;
  }

  // Asked after an ad or an agency whether someone helped along, the user names a person or says
  // yes: then a person stood behind the last job after all, and that is networking.
  private helpedAlong(ctx: TurnContext, step: StepDefinition, heard: Heard): boolean {
    const path = ctx.reader.pathById(ctx.state.lastJob);
    const asked =
      path &&
      !path.person &&
      path.id !== 'chance' &&
      step.say?.some((key) => key === 'last_job.ask_chance');
    if (!asked) return false;
    const contact = ctx.reader.contact(ctx.input.text, ctx.state.lang);
    if (!contact && heard !== 'agree') return false;
    ctx.state.lastJob = 'friend';
    ctx.state.lastJobRole = contact?.role;
    if (contact) ctx.state.lead = contact;
    return true;
  }

  private answerYesNo(ctx: TurnContext, step: StepDefinition, heard: Heard): void {
    const { choice, classification, text } = ctx.input;
    const intent = classification?.intent;
    const lang = ctx.state.lang;
    // Sarcasm and resistance are never booked as a yes ("Ja klar, als ob das so einfach wäre").
    const meaning = choice ? ctx.content.buttons[choice] : undefined;
    const no =
      meaning === 'no' ||
      (!choice &&
        (heard === 'decline' ||
          ctx.reader.no(text, lang) ||
          intent === 'deny' ||
          ctx.reader.dontKnow(text, lang)));
    const yes =
      !no &&
      heard !== 'unsure' &&
      (meaning === 'yes' ||
        (!choice && (heard === 'agree' || ctx.reader.yes(text, lang) || intent === 'affirm')));
    const flow = ctx.state.flow;
    if (yes) return this.enter(ctx, step.next ?? 'end');
    if (no) return this.enter(ctx, step.on_deny ?? step.next ?? 'end');
    if (flow && flow.reasks < 1) {
      flow.reasks++;
      ctx.say('reask');
      return this.reask(ctx);
    }
    this.enter(ctx, step.next ?? 'end');
  }

  private end(ctx: TurnContext): void {
    ctx.state.flow = undefined;
    ctx.outcome = 'ended';
    const paused = ctx.state.paused;
    if (paused && isObjection(paused.intent)) {
      ctx.state.pending = 'resume';
      const topic = ctx.phrases.label(ctx.voice, `objection_label.${prefixOf(paused.intent)}`);
      ctx.say('resume_offer', { topic });
      ctx.offer([ctx.button('resume_yes'), ctx.button('resume_no')]);
    }
  }

  // "$." stands for the flow's prefix; a key of flows.yml "choices" gives way by what the user told.
  private key(ctx: TurnContext, key: SharedFlowKey): ResponseKey {
    const chosen = ctx.content.choices[key]?.find((choice) => this.holds(ctx, choice));
    if (chosen) return this.resolve(ctx, chosen.say);
    return this.fitting(ctx, this.resolve(ctx, key));
  }

  private resolve(ctx: TurnContext, key: SharedFlowKey): ResponseKey {
    const intent = ctx.state.flow?.intent;
    if (!key.startsWith('$.')) return key;
    if (!intent || !isObjection(intent)) throw new Error(`"${key}" is said outside a flow`);
    return `${prefixOf(intent)}.${key.slice(2)}`;
  }

  private holds(ctx: TurnContext, { if: condition }: KeyChoice): boolean {
    if (!condition) return true;
    if ('lead' in condition) return Boolean(ctx.state.lead);
    if ('network_total_at_least' in condition)
      return (ctx.state.networkTotal ?? 0) >= condition.network_total_at_least;
    const path = ctx.reader.pathById(ctx.state.lastJob);
    if (!path) return false;
    if (condition.last_job === 'person') return path.person;
    if (condition.last_job === 'chance') return !path.person && path.id === 'chance';
    return !path.person && path.id !== 'chance';
  }

  // A suggestion that does not fit what the user told (a running group for a knee patient) gives
  // way to its alternative "<key>.if_<constraint>", where responses/ has one.
  private fitting(ctx: TurnContext, key: ResponseKey): ResponseKey {
    const texts = ctx.content.texts[ctx.voice];
    const alternative = (ctx.state.constraints ?? [])
      .map((constraint): ResponseKey => `${key}.if_${constraint}`)
      .find((candidate) => texts[candidate]);
    return alternative ?? key;
  }

  // How the last job came about, in the bot's words: by the person's role if the user named one.
  private via(ctx: TurnContext): string {
    const role = ctx.content.lexicon.roles.find((r) => r.id === ctx.state.lastJobRole);
    const path = ctx.reader.pathById(ctx.state.lastJob);
    if (role)
      return `${ctx.voice === 'en' ? 'through' : 'über'} ${role.forms[ctx.voice].accusative}`;
    return path?.via[ctx.voice] ?? '';
  }

  private vars(ctx: TurnContext): Record<string, string | number> {
    const path = ctx.reader.pathById(ctx.state.lastJob);
    return {
      total: ctx.state.networkTotal ?? 0,
      via: path ? this.via(ctx) : '',
      ...this.listener.leadVars(ctx),
    };
  }
}
