import type { types } from '@slack/bolt';
import type { Reply } from '../../engine/types';

/** A Block Kit block. */
export type Block = types.KnownBlock;

/** A message as chat.postMessage and chat.update take it: fallback text and optional blocks. */
export interface SlackMessage {
  text: string;
  blocks?: Block[];
}

/** The prefix of a quick-reply button's action_id; the rest, and the value, is the engine's choice id. */
export const CHOICE_ACTION_PREFIX = 'choice:';

/** Slack's limit for the text of one section block. */
const SECTION_LIMIT = 3000;
/** Slack's limit for a button label. */
const BUTTON_LABEL_LIMIT = 75;

/**
 * One engine reply as a Slack message. Plain text, so nothing the engine says
 * is read as markup; quick replies become a row of Block Kit buttons whose
 * action_id and value carry the engine's choice id.
 */
export function replyMessage(reply: Reply): SlackMessage {
  const text = escapeText(reply.text);
  if (!reply.buttons?.length) return { text };
  const sections: Block[] = chunks(reply.text, SECTION_LIMIT).map((part) => ({
    type: 'section',
    text: { type: 'plain_text', text: part, emoji: true },
  }));
  const actions: Block = {
    type: 'actions',
    block_id: 'choices',
    elements: reply.buttons.slice(0, 25).map((button) => ({
      type: 'button',
      action_id: `${CHOICE_ACTION_PREFIX}${button.id}`,
      value: button.id,
      text: { type: 'plain_text', text: button.label.slice(0, BUTTON_LABEL_LIMIT), emoji: true },
    })),
  };
  return { text, blocks: [...sections, actions] };
}

/**
 * A message whose button was pressed: the same text without its buttons, so it
 * cannot be pressed twice, and the pressed label underneath as a record.
 */
export function pressedMessage(text: string, blocks: unknown, label: string): SlackMessage {
  const kept = (Array.isArray(blocks) ? blocks : []).filter(
    (block): block is Block => isBlock(block) && block.type !== 'actions',
  );
  const record: Block = {
    type: 'context',
    elements: [{ type: 'plain_text', text: label.slice(0, BUTTON_LABEL_LIMIT), emoji: true }],
  };
  return { text, blocks: [...kept, record] };
}

/** Escapes the three characters Slack reads as control characters in message text. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// === Helpers

function isBlock(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && typeof (value as Block).type === 'string';
}

// Splits at line ends where possible, so long replies stay readable across sections.
function chunks(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf('\n', limit);
    const end = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, end));
    rest = rest.slice(end).replace(/^\n/, '');
  }
  return rest ? [...parts, rest] : parts;
}
