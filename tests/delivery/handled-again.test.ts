import type Redis from 'ioredis';
import { startBot, type BotProcess } from '../channels/telegram/telegram-harness';
import { SlackHarness } from '../channels/slack/slack-harness';
import { directMessage, envelope } from '../channels/slack/slack-payloads';
import { FakeTelegramApi } from '../helpers/fake-telegram-api';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis';
import { textUpdate, type Person } from '../helpers/telegram-updates';
import { testEngine } from '../helpers/test-engine';

const TEXT = 'Ich kenne niemanden.';

/** How many replies the text gets from an engine of its own. */
async function expectedReplies(channel: 'telegram' | 'slack'): Promise<number> {
  const turn = await testEngine().handle({ channel, conversationId: 'r', userId: 'r', text: TEXT });
  return turn.replies.length;
}

describe('a turn whose replies Redis may or may not have queued is handled again, once', () => {
  it('Telegram: the update stays in the inbox and its replies arrive once', async () => {
    const api = new FakeTelegramApi();
    const prefix = testPrefix('handled-again-telegram');
    const inspect: Redis = testRedis();
    const bot: BotProcess = await startBot(await api.start(), prefix, false, {
      failingOutboxPushes: 1,
    });
    try {
      const vera: Person = { id: 6001, first_name: 'Vera', language_code: 'de' };
      expect(await bot.post(textUpdate(vera, TEXT))).toBe(200);
      expect(api.delivered(vera.id)).toHaveLength(await expectedReplies('telegram'));
    } finally {
      await bot.stop();
      await api.stop();
      await deletePrefix(inspect, prefix);
      inspect.disconnect();
    }
  });

  it('Slack: the listener’s failure reaches the inbox (Bolt would swallow it) and the replies arrive once', async () => {
    const slack = await SlackHarness.start(testPrefix('handled-again-slack'), {
      failingOutboxPushes: 1,
    });
    try {
      const response = await slack.event(envelope(directMessage(TEXT, 'U0AGAIN01', 'D0AGAIN01')));
      expect(response.status).toBe(200);
      await slack.settle();
      const posts = slack.api.callsOf('chat.postMessage');
      expect(posts.filter((c) => c.args.channel === 'D0AGAIN01')).toHaveLength(
        await expectedReplies('slack'),
      );
    } finally {
      await slack.close();
    }
  });
});
