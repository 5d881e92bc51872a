import type { webApi } from '@slack/bolt';
import { currentDeliveryId } from '../../delivery/delivery-context';
import type { Deliveries } from '../../delivery/deliveries';
import type { Engine } from '../../engine/engine';
import { errorName } from '../../errors';
import type { IncomingMessage, Reply, Turn } from '../../engine/types';
import { contractParent, isObjection, OBJECTION_INTENTS } from '../../nlu/intent-ids';
import { hashId, type Logger } from '../../observability/logger';
import type { DeliveryLedger } from '../../store/delivery-ledger';
import { KeyedQueue } from '../../store/keyed-queue';
import type { ObjectionStats } from '../../store/objection-stats';
import { pressedMessage, replyMessage } from './slack-blocks';
import { isDirectMessage, withoutMention, type PersonMessage } from './slack-events';
import type { SlackOutgoing } from './slack-sender';

/** What the client conversations need. */
export interface SlackConversationsOptions {
  engine: Engine;
  ledger: DeliveryLedger;
  /** Where the replies are queued (the outbox sends them). */
  deliveries: Deliveries;
  stats: ObjectionStats;
  logger: Logger;
}

/** A pressed quick-reply button, as read from a block_actions payload. */
export interface ButtonPress {
  team: string;
  user: string;
  channel: string;
  /** The bot message that carried the button. */
  messageTs: string;
  messageText: string;
  messageBlocks: unknown;
  /** The thread the message is in, if any. */
  threadTs?: string;
  /** The engine's choice id (the button's value). */
  choice: string;
  label: string;
}

/** Where a conversation happens in Slack, and how the engine names it. */
interface Place {
  team: string;
  channel: string;
  threadTs?: string;
  direct: boolean;
  conversationId: string;
}

/**
 * Client conversations on Slack, a thin translation to the engine: a direct
 * message is one conversation (`slack:<team>:<channel>`); in a channel an
 * @-mention is answered in its thread, one conversation per thread and user
 * (`slack:<team>:<channel>:<thread_ts>`); a pressed button is a choice.
 */
export class SlackConversations {
  // One conversation's messages are answered in order; different conversations side by side.
  private readonly queue = new KeyedQueue();

  constructor(private readonly options: SlackConversationsOptions) {}

  /** A person's message in a direct message with the bot. */
  async onDirectMessage(message: PersonMessage, client: webApi.WebClient): Promise<void> {
    if (!isDirectMessage(message.channel)) return;
    const place = this.directPlace(message.team, message.channel, message.threadTs);
    const content = message.text.trim() ? { text: message.text } : { nonText: true };
    await this.converse(client, place, { ...base(message.user, place), ...content });
  }

  /** An @-mention in a channel: answered in the thread, with the mention taken out. */
  async onMention(
    message: PersonMessage,
    botUserId: string | undefined,
    client: webApi.WebClient,
  ): Promise<void> {
    if (isDirectMessage(message.channel)) return; // a direct message arrives as message.im
    const place = this.threadPlace(message.team, message.channel, message.threadTs ?? message.ts);
    const text = withoutMention(message.text, botUserId);
    // A bare mention is a hello: the engine answers with its welcome.
    const content = text ? { text } : { command: 'start' as const };
    await this.converse(client, place, { ...base(message.user, place), ...content });
  }

  /**
   * A pressed button: its message loses the buttons (chat.update) so it cannot
   * be pressed twice, then the choice goes to the engine. A second press that
   * raced the update finds the message claimed and is ignored.
   */
  async onButton(press: ButtonPress, client: webApi.WebClient): Promise<void> {
    const first = await this.options.ledger
      .claim(`slack:buttons:${press.team}:${press.channel}:${press.messageTs}`, currentDeliveryId())
      .catch(() => true);
    if (!first) return;
    await client.chat
      .update({
        channel: press.channel,
        ts: press.messageTs,
        ...pressedMessage(press.messageText, press.messageBlocks, press.label),
      })
      .catch((error: unknown) => this.logFailure('slack.update_failed', error));
    const place = isDirectMessage(press.channel)
      ? this.directPlace(press.team, press.channel, press.threadTs)
      : this.threadPlace(press.team, press.channel, press.threadTs ?? press.messageTs);
    await this.converse(client, place, {
      ...base(press.user, place),
      choice: press.choice,
    });
  }

  /** The Home tab's practice button: practice mode starts in the person's direct message with the bot. */
  async onPracticeButton(team: string, user: string, client: webApi.WebClient): Promise<void> {
    const opened = await client.conversations.open({ users: user });
    const channel = opened.channel?.id;
    if (!channel) return;
    const place = this.directPlace(team, channel, undefined);
    await this.converse(client, place, { ...base(user, place), command: 'practice' });
  }

  // === Translation

  private converse(
    client: webApi.WebClient,
    place: Place,
    message: IncomingMessage,
  ): Promise<void> {
    return this.queue.run(place.conversationId, () => this.turn(client, place, message));
  }

  private async turn(
    client: webApi.WebClient,
    place: Place,
    message: IncomingMessage,
  ): Promise<void> {
    const started = Date.now();
    const turnId = currentDeliveryId();
    const turn = await this.options.engine.handle({ ...message, turnId });
    this.options.logger.info(
      {
        event: 'slack.turn',
        conversation: hashId(place.conversationId),
        intent: turn.intent,
        outcome: turn.outcome,
        ms: Date.now() - started,
        degraded: turn.degraded,
      },
      'turn',
    );
    if (place.direct) await this.count(place.team, message, turn);
    await this.options.deliveries.reply(
      turnId,
      `slack:${place.team}:${place.channel}`,
      message.userId,
      turn.replies.map((reply) => this.postMessage(place, reply)),
      turn.outcome === 'escalated',
    );
  }

  // Only the workspace's aggregate: which objection, which day. Never who or what.
  private async count(team: string, message: IncomingMessage, turn: Turn): Promise<void> {
    const intent = turn.intent && isObjection(turn.intent) ? turn.intent : message.choice;
    if (!intent || !isObjection(intent)) return;
    await this.options.stats
      .record(team, contractParent(intent, OBJECTION_INTENTS))
      .catch((error: unknown) => this.logFailure('slack.stats_failed', error));
  }

  // A reply as the outbox keeps it (plain data): the message to post, and with a chart its
  // description, rendered and uploaded only when it is sent (the message is the fallback).
  private postMessage(place: Place, reply: Reply): SlackOutgoing {
    return {
      channel: place.channel,
      ...replyMessage(reply),
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      mrkdwn: false,
      unfurl_links: false,
      unfurl_media: false,
      ...(reply.image ? { image: { chart: reply.image, text: reply.text } } : {}),
    } as SlackOutgoing;
  }

  private directPlace(team: string, channel: string, threadTs: string | undefined): Place {
    return {
      team,
      channel,
      ...(threadTs ? { threadTs } : {}),
      direct: true,
      conversationId: `slack:${team}:${channel}`,
    };
  }

  private threadPlace(team: string, channel: string, threadTs: string): Place {
    return {
      team,
      channel,
      threadTs,
      direct: false,
      conversationId: `slack:${team}:${channel}:${threadTs}`,
    };
  }

  private logFailure(event: string, error: unknown): void {
    this.options.logger.warn({ event, error: errorName(error) }, 'slack call failed');
  }
}

// === Helpers

function base(user: string, place: Place): IncomingMessage {
  return {
    channel: 'slack',
    conversationId: place.conversationId,
    userId: userIdOf(place.team, user),
  };
}

/** How the engine names a Slack user: per workspace, so the same id in two workspaces stays apart. */
export function userIdOf(team: string, user: string): string {
  return `slack:${team}:${user}`;
}

/** The log-safe name of a failure, from the one errors module (kept here for the Slack files that import it). */
export { errorName };
