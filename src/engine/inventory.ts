import type { FlowRunner } from './flow-runner';
import { sayNetworkPicture } from './network-chart';
import type { TurnContext } from './turn-context';

/** A count per circle above this is surely a typo; it is capped, not refused. */
const MAX_PER_CIRCLE = 999;

/**
 * The network inventory behind "Sie kennen mindestens 300 Leute": circle by
 * circle the user names how many people come to mind, and the bot keeps a
 * running tally toward 300. Only counts are stored, never names.
 */
export class Inventory {
  constructor(private readonly runner: FlowRunner) {}

  begin(ctx: TurnContext): void {
    const flow = ctx.state.flow;
    if (!flow) return;
    flow.inventory = { circle: 0, counts: [] };
    ctx.state.networkTotal = 0;
    ctx.say('inventory.intro');
    this.ask(ctx);
  }

  /** Asks for the current circle. */
  ask(ctx: TurnContext): void {
    const index = ctx.state.flow?.inventory?.circle ?? 0;
    const circle = ctx.content.inventoryCircles[index];
    const label = ctx.phrases.label(ctx.voice, `inventory.circle.${circle}`);
    if (circle) ctx.say(index === 0 ? 'inventory.ask_first' : 'inventory.ask', { circle: label });
  }

  answer(ctx: TurnContext): void {
    const flow = ctx.state.flow;
    const inventory = flow?.inventory;
    if (!flow || !inventory) return;
    const { text } = ctx.input;
    const lang = ctx.state.lang;
    if (ctx.reader.done(text, lang)) return this.finish(ctx);
    // A hedge with a number keeps the number ("weiß nicht, vielleicht 6").
    const unsure = ctx.reader.dontKnow(text, lang);
    const number = ctx.reader.number(text, lang);
    // "keine Ahnung" is no count of zero.
    const said = unsure && number === 0 ? undefined : number;
    const skipped = said === undefined && (ctx.reader.skip(text, lang) || unsure);
    const count = skipped ? undefined : said;
    if (count === undefined && !skipped && flow.reasks < 1) {
      flow.reasks++;
      ctx.say('inventory.not_a_number');
      return this.ask(ctx);
    }
    flow.reasks = 0;
    inventory.counts.push(Math.min(MAX_PER_CIRCLE, count ?? 0));
    inventory.circle++;
    const total = inventory.counts.reduce((a, b) => a + b, 0);
    ctx.state.networkTotal = total;
    if (count !== undefined)
      ctx.say('inventory.tally', { count: Math.min(MAX_PER_CIRCLE, count), total });
    if (inventory.circle >= ctx.content.inventoryCircles.length) return this.finish(ctx);
    this.ask(ctx);
  }

  private finish(ctx: TurnContext): void {
    const flow = ctx.state.flow;
    const counts = flow?.inventory?.counts ?? [];
    // The most striking moment of the method deserves a picture: the circles and the tally.
    if (counts.some((n) => n > 0)) sayNetworkPicture(ctx, counts);
    if (flow) flow.inventory = undefined;
    this.runner.enter(ctx, this.runner.step(ctx, flow?.step ?? 'inventory').next ?? 'end');
  }
}
