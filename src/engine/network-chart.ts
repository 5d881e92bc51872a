import type { TurnContext } from './turn-context';
import type { NetworkChart } from './types';

/** The number the interview names: "Sie kennen mindestens 300 Leute". */
export const NETWORK_GOAL = 300;

/**
 * The network count as a picture: every circle of the inventory with the count
 * the user gave (circles not reached have none), and the tally toward 300. It
 * goes out with its text version, line by line, for screen readers and for
 * channels without pictures.
 */
export function sayNetworkPicture(ctx: TurnContext, counts: readonly number[]): void {
  const total = counts.reduce((a, b) => a + b, 0);
  const circles = ctx.content.inventoryCircles.map((circle, i) => ({
    label: ctx.phrases.label(ctx.voice, `picture.circle.${circle}`),
    ...(counts[i] !== undefined ? { count: counts[i] } : {}),
  }));
  const tallyKey = total >= NETWORK_GOAL ? 'picture.network.tally_300' : 'picture.network.tally';
  const chart: NetworkChart = {
    kind: 'network',
    title: ctx.phrases.label(ctx.voice, 'picture.network.title'),
    centre: ctx.phrases.label(ctx.voice, 'picture.network.centre'),
    circles,
    total,
    goal: NETWORK_GOAL,
    tally: ctx.phrases.label(ctx.voice, tallyKey).replace('{total}', String(total)),
  };
  const lines = circles
    .filter((c) => c.count !== undefined)
    .map((c) => `• ${c.label}: ${c.count}`)
    .join('\n');
  ctx.breakMessage();
  ctx.say('picture.network.text', { total, lines });
  ctx.picture(chart);
}
