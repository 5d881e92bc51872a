/**
 * The few fields Türöffner reads from Slack payloads, checked at runtime:
 * payloads are outside input, and Bolt's types are wider than what a client
 * conversation may come from (edits, bot posts, joins, file shares …).
 */

/** A message a person wrote: in a direct message, or an @-mention in a channel. */
export interface PersonMessage {
  team: string;
  channel: string;
  user: string;
  text: string;
  ts: string;
  threadTs?: string;
}

/**
 * A person's new message from a `message` or `app_mention` event, or undefined
 * for everything the bot must not answer: its own posts and other bots'
 * (`bot_id`, `bot_message`), edits and deletions (`message_changed`,
 * `message_deleted`, `edited`), joins and other subtypes.
 */
export function personMessage(event: unknown, team: string): PersonMessage | undefined {
  const e = record(event);
  if (!e) return undefined;
  const { channel, user, ts } = e;
  if (typeof channel !== 'string' || typeof user !== 'string' || typeof ts !== 'string')
    return undefined;
  if (e.bot_id !== undefined || e.bot_profile !== undefined || e.edited !== undefined)
    return undefined;
  // A file with a caption is still a message; every other subtype is not one of the person's messages.
  if (e.subtype !== undefined && e.subtype !== 'file_share') return undefined;
  return {
    team,
    channel,
    user,
    text: typeof e.text === 'string' ? e.text : '',
    ts,
    ...(typeof e.thread_ts === 'string' ? { threadTs: e.thread_ts } : {}),
  };
}

/** Whether a channel id is a direct message with the bot (Slack's ids of IMs start with D). */
export function isDirectMessage(channel: string): boolean {
  return channel.startsWith('D');
}

/** The workspace of a payload: events carry `team_id`, interactions `team.id` or `user.team_id`. */
export function teamOf(body: unknown): string | undefined {
  const b = record(body);
  if (!b) return undefined;
  if (typeof b.team_id === 'string') return b.team_id;
  const team = record(b.team)?.id;
  if (typeof team === 'string') return team;
  const userTeam = record(b.user)?.team_id;
  return typeof userTeam === 'string' ? userTeam : undefined;
}

/** The message text without the mentions of the bot ("<@U123> Ich kenne niemanden"). */
export function withoutMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text.trim();
  return text.split(`<@${botUserId}>`).join(' ').trim();
}

/** A value as a plain object, or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
