import { signRequest } from '../channels/slack/slack-signature';

/** What the simulated users say, turn by turn (20 turns). */
export const TURN_TEXTS = [
  'Hallo',
  'Ich kenne niemanden, der mir helfen könnte.',
  'ja',
  '12',
  'so ca. 20',
  'weiter',
  'zehn',
  'fertig',
  'Meine alte Kollegin vielleicht.',
  'ja',
  'nein',
  'Ohne Vitamin B kriegt man doch gar keinen Job mehr.',
  'Über einen Freund aus dem Verein.',
  'Ich könnte wieder hingehen.',
  'ja',
  'nein danke',
  'Danke, das hat geholfen!',
  'Wie wird das Wetter morgen?',
  'Ich trau mich nicht, die Leute zu belästigen.',
  'Tschüss!',
];

/** One acknowledged delivery: its id as the bot names it, and how long the acknowledgement took. */
export interface Ack {
  deliveryId: string;
  ms: number;
  /** How many times it had to be sent (a non-2xx is sent again, as the platforms do). */
  attempts: number;
}

/** Posts until the bot answers 2xx, as Telegram and Slack resend; resolves with the last attempt's latency. */
async function deliver(
  send: (attempt: number) => Promise<Response>,
): Promise<{ ms: number; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    const ok = await send(attempt).then(
      async (response) => {
        await response.arrayBuffer();
        return response.ok;
      },
      () => false,
    );
    const ms = performance.now() - started;
    if (ok) return { ms, attempts: attempt };
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
}

/** A Telegram chat: 20 updates over the webhook, one after another (Telegram's per-chat order). */
export async function telegramChat(
  base: string,
  secret: string,
  chat: number,
  firstUpdateId: number,
  onAck: (ack: Ack) => void,
): Promise<void> {
  for (const [turn, text] of TURN_TEXTS.entries()) {
    const updateId = firstUpdateId + turn;
    const body = JSON.stringify({
      update_id: updateId,
      message: {
        message_id: turn + 1,
        from: { id: chat, is_bot: false, first_name: 'Bench', language_code: 'de' },
        chat: { id: chat, type: 'private', first_name: 'Bench' },
        date: Math.floor(Date.now() / 1000),
        text,
      },
    });
    const result = await deliver(() =>
      fetch(`${base}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        body,
      }),
    );
    onAck({ deliveryId: `telegram:${updateId}`, ...result });
  }
}

/** A Slack direct message: 20 signed message events, one after another. */
export async function slackDm(
  base: string,
  signingSecret: string,
  dm: number,
  onAck: (ack: Ack) => void,
): Promise<void> {
  const user = `U0BENCH${String(dm).padStart(4, '0')}`;
  for (const [turn, text] of TURN_TEXTS.entries()) {
    const eventId = `Ev0BENCH${dm}x${turn}`;
    const body = JSON.stringify({
      token: 'bench',
      team_id: 'T0BENCH',
      api_app_id: 'A0BENCH',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event: {
        type: 'message',
        channel_type: 'im',
        channel: `D${user.slice(1)}`,
        user,
        text,
        ts: `${Date.now() / 1000}`,
      },
    });
    const result = await deliver((attempt) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      return fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signRequest(signingSecret, timestamp, body),
          ...(attempt > 1
            ? { 'x-slack-retry-num': String(attempt - 1), 'x-slack-retry-reason': 'http_error' }
            : {}),
        },
        body,
      });
    });
    onAck({ deliveryId: `slack:${eventId}`, ...result });
  }
}
