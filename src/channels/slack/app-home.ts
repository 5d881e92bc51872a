import type { Voice } from '../../engine/content';
import { OBJECTION_INTENTS } from '../../nlu/intent-ids';
import type { ObjectionCounts } from '../../store/objection-stats';
import type { CoachMessages } from './coach-messages';
import type { Block } from './slack-blocks';

/** The action id of the Home tab's "practise now" button: opens practice mode in a direct message. */
export const PRACTICE_ACTION = 'tueroeffner_practice';

/** The App Home tab as views.publish takes it. */
export interface HomeView {
  type: 'home';
  blocks: Block[];
}

/** The workspace's objection counts the Home tab shows. */
export interface HomeCounts {
  week: ObjectionCounts;
  month: ObjectionCounts;
}

/**
 * The App Home tab: what Türöffner does, how clients start, how to practise,
 * the coach's tools, and the workspace's objection counts of the last 7 and
 * 30 days — aggregated only, most frequent first, no texts and no names.
 */
export function homeView(messages: CoachMessages, voice: Voice, counts: HomeCounts): HomeView {
  const text = (key: string, vars?: Record<string, string | number>): string =>
    messages.text(voice, key, vars);
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: text('home.title') } },
      ...['home.what', 'home.clients', 'home.practise'].map((key) => section(text(key))),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: PRACTICE_ACTION,
            text: { type: 'plain_text', text: text('home.practise_button') },
          },
        ],
      },
      section(text('home.tools')),
      { type: 'divider' },
      section(text('home.stats_heading')),
      section(statsLines(messages, voice, counts).join('\n')),
      { type: 'context', elements: [{ type: 'mrkdwn', text: text('home.stats_note') }] },
    ],
  };
}

// === Helpers

function statsLines(messages: CoachMessages, voice: Voice, counts: HomeCounts): string[] {
  const seen = OBJECTION_INTENTS.filter((objection) => (counts.month[objection] ?? 0) > 0);
  if (!seen.length) return [messages.text(voice, 'home.stats_empty')];
  const ordered = [...seen].sort((a, b) => (counts.month[b] ?? 0) - (counts.month[a] ?? 0));
  const total = (c: ObjectionCounts): number =>
    OBJECTION_INTENTS.reduce((sum, objection) => sum + (c[objection] ?? 0), 0);
  return [
    ...ordered.map((objection) =>
      messages.text(voice, 'home.stats_line', {
        label: messages.label(voice, objection),
        week: counts.week[objection] ?? 0,
        month: counts.month[objection] ?? 0,
      }),
    ),
    messages.text(voice, 'home.stats_total', {
      week: total(counts.week),
      month: total(counts.month),
    }),
  ];
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}
