import { testPrefix } from '../../helpers/redis';
import { testEngine } from '../../helpers/test-engine';
import { SlackHarness } from './slack-harness';
import { directMessage, envelope } from './slack-payloads';

describe('Slack acknowledgements under load (real HTTP, real redis-server)', () => {
  let slack: SlackHarness;
  beforeAll(async () => {
    slack = await SlackHarness.start(testPrefix('slack-load'));
  });
  afterAll(async () => {
    await slack.close();
  });

  it('should acknowledge every one of 100 direct messages sent at once within a second, then answer each once', async () => {
    const users = Array.from({ length: 100 }, (_, i) => `U0LOAD${String(i).padStart(3, '0')}`);
    const responses = await Promise.all(
      users.map((user) =>
        slack.event(envelope(directMessage('Ich kenne niemanden.', user, `D${user.slice(1)}`))),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const slowest = Math.max(...responses.map((r) => r.ms));
    expect(slowest).toBeLessThan(1_000);
    await slack.settle();
    const reference = await testEngine().handle({
      channel: 'slack',
      conversationId: 'slack:reference',
      userId: 'slack:reference',
      text: 'Ich kenne niemanden.',
    });
    const posts = slack.api.callsOf('chat.postMessage');
    for (const user of users) {
      const toUser = posts.filter((call) => call.args.channel === `D${user.slice(1)}`);
      // Each gets the replies an engine of its own gives, once.
      expect([user, toUser.length]).toEqual([user, reference.replies.length]);
    }
  }, 60_000);
});
