import { FAKE_BOT } from '../../helpers/fake-slack-api';

/**
 * Slack payloads shaped as in Slack's documentation (Events API envelope,
 * message.im, app_mention, app_home_opened, url_verification, block_actions,
 * slash command form, message_action), with test ids.
 */

export const TEAM = FAKE_BOT.teamId;
export const APP_ID = 'A0TUEROEFF';
const VERIFICATION_TOKEN = 'deprecated-verification-token';

let counter = 0;
/** A fresh Slack timestamp ("1712345678.000123"). */
export function nextTs(): string {
  counter++;
  return `${1_712_000_000 + counter}.${String(counter).padStart(6, '0')}`;
}

/** A fresh event id ("Ev0…"). */
export function nextEventId(): string {
  return `Ev0TEST${Date.now().toString(36).toUpperCase()}${(counter++).toString(36).toUpperCase()}`;
}

/** The Events API envelope around one event. */
export function envelope(event: Record<string, unknown>, eventId = nextEventId()) {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: TEAM,
        user_id: FAKE_BOT.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiIke1RFQU19In0`,
  };
}

/** A message.im event: a person writes to the bot in a direct message. */
export function directMessage(text: string, user: string, channel: string, ts = nextTs()) {
  return {
    client_msg_id: `c0ffee00-${ts.replace('.', '')}`,
    type: 'message',
    text,
    user,
    ts,
    team: TEAM,
    blocks: [
      {
        type: 'rich_text',
        block_id: 'b1',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
      },
    ],
    channel,
    event_ts: ts,
    channel_type: 'im',
  };
}

/** A message.im event posted by a bot (ours or another), as Slack delivers it. */
export function botMessage(text: string, channel: string, botId: string, user?: string) {
  const ts = nextTs();
  return {
    type: 'message',
    subtype: 'bot_message',
    text,
    ts,
    bot_id: botId,
    ...(user ? { user } : {}),
    channel,
    event_ts: ts,
    channel_type: 'im',
  };
}

/** A message_changed event: an edit of an earlier message. */
export function editedMessage(text: string, user: string, channel: string) {
  const ts = nextTs();
  return {
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    message: { type: 'message', user, text, edited: { user, ts }, ts: nextTs() },
    channel,
    previous_message: { type: 'message', user, text: 'vorher', ts },
    event_ts: ts,
    ts,
    channel_type: 'im',
  };
}

/** An app_mention event in a channel, optionally inside a thread. */
export function appMention(text: string, user: string, channel: string, threadTs?: string) {
  const ts = nextTs();
  return {
    client_msg_id: `m-${ts}`,
    type: 'app_mention',
    text: `<@${FAKE_BOT.userId}> ${text}`,
    user,
    ts,
    team: TEAM,
    channel,
    event_ts: ts,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
}

/** An app_home_opened event for the Home tab. */
export function appHomeOpened(user: string) {
  return {
    type: 'app_home_opened',
    user,
    channel: 'D0HOME',
    tab: 'home',
    event_ts: nextTs(),
  };
}

/** The url_verification challenge Slack sends when the Request URL is saved. */
export function urlVerification(challenge: string) {
  return { token: VERIFICATION_TOKEN, challenge, type: 'url_verification' };
}

/** A slash command, as the form fields Slack posts. */
export function slashCommand(
  command: string,
  text: string,
  user: string,
  channel: string,
  responseUrl: string,
) {
  return {
    token: VERIFICATION_TOKEN,
    team_id: TEAM,
    team_domain: 'test',
    channel_id: channel,
    channel_name: channel.startsWith('D') ? 'directmessage' : 'coaching',
    user_id: user,
    user_name: 'coach',
    command,
    text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
  };
}

/** The block_actions payload of pressing one button of a message the bot posted. */
export function blockActions(
  posted: { channel: string; ts: string; text: string; blocks: unknown[]; threadTs?: string },
  buttonIndex: number,
  user: string,
  responseUrl: string,
) {
  const actions = posted.blocks.find((b) => (b as { type: string }).type === 'actions') as {
    block_id: string;
    elements: { action_id: string; value: string; text: { type: string; text: string } }[];
  };
  const button = actions.elements[buttonIndex];
  if (!button) throw new Error(`the message has no button ${buttonIndex}`);
  return {
    type: 'block_actions',
    user: { id: user, username: 'klientin', name: 'klientin', team_id: TEAM },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: posted.ts,
      channel_id: posted.channel,
      is_ephemeral: false,
      ...(posted.threadTs ? { thread_ts: posted.threadTs } : {}),
    },
    trigger_id: '12466734323.1395872398.eb4be5d5e2d0d9d0c2a0e2b1a5d01c67',
    team: { id: TEAM, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: posted.channel, name: 'directmessage' },
    message: {
      bot_id: FAKE_BOT.botId,
      type: 'message',
      text: posted.text,
      user: FAKE_BOT.userId,
      ts: posted.ts,
      app_id: APP_ID,
      blocks: posted.blocks,
      team: TEAM,
      ...(posted.threadTs ? { thread_ts: posted.threadTs } : {}),
    },
    state: { values: {} },
    response_url: responseUrl,
    actions: [
      {
        action_id: button.action_id,
        block_id: actions.block_id,
        text: { ...button.text, emoji: true },
        value: button.value,
        type: 'button',
        action_ts: `${Math.floor(Date.now() / 1000)}.000001`,
      },
    ],
  };
}

/** The message_action payload of the shortcut "Einwand analysieren" on a message. */
export function messageShortcut(text: string, user: string, channel: string, responseUrl: string) {
  const ts = nextTs();
  return {
    type: 'message_action',
    token: VERIFICATION_TOKEN,
    action_ts: `${Math.floor(Date.now() / 1000)}.000002`,
    team: { id: TEAM, domain: 'test' },
    user: { id: user, name: 'coach', username: 'coach', team_id: TEAM },
    channel: { id: channel, name: 'coaching' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'einwand_analysieren',
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    response_url: responseUrl,
    message_ts: ts,
    message: {
      client_msg_id: `s-${ts}`,
      type: 'message',
      text,
      user: 'U0KLIENT9',
      ts,
      team: TEAM,
      blocks: [],
    },
  };
}
