import { FAKE_BOT } from '../../helpers/fake-slack-api';
import { testPrefix } from '../../helpers/redis';
import { SlackHarness } from './slack-harness';
import {
  botMessage,
  directMessage,
  editedMessage,
  envelope,
  nextEventId,
  urlVerification,
} from './slack-payloads';

describe('Slack over HTTP: signing, acknowledgement, retries (real HTTP, real redis-server)', () => {
  let slack: SlackHarness;
  // Connections are made in beforeAll: hooks run only when a test of this block runs.
  beforeAll(async () => {
    slack = await SlackHarness.start(testPrefix('slack-http'));
  });
  afterAll(async () => {
    await slack.close();
  });
  beforeEach(() => slack.api.reset());

  const now = () => Math.floor(Date.now() / 1000);
  const hello = (user: string, eventId?: string) =>
    envelope(directMessage('Hallo', user, `D${user.slice(1)}`), eventId);

  it('should answer the url_verification challenge', async () => {
    const response = await slack.event(
      urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'),
    );
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
  });

  it('should refuse a wrong signature, a stale and a future timestamp with 401 and process nothing', async () => {
    const cases = [
      { name: 'wrong secret', user: 'U0BADSIG1', options: { secret: 'wrong-secret' } },
      { name: 'stale', user: 'U0STALE01', options: { timestamp: now() - 301 } },
      { name: 'future', user: 'U0FUTURE1', options: { timestamp: now() + 301 } },
      {
        name: 'no signature',
        user: 'U0NOSIG01',
        options: { headers: { 'x-slack-signature': undefined } },
      },
    ];
    for (const { name, user, options } of cases) {
      const response = await slack.event(hello(user), options);
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
    }
    await slack.settle();
    expect(slack.api.calls).toEqual([]);
    const touched = await slack.keys('*');
    for (const { user } of cases) expect(touched.join('\n')).not.toContain(user);
  });

  it('should accept the same request when it is signed correctly', async () => {
    const response = await slack.event(hello('U0GOODSIG'));
    expect(response.status).toBe(200);
    await slack.api.waitFor('chat.postMessage');
  });

  it('should answer a malformed body with 400 and X-Slack-No-Retry, without processing', async () => {
    const response = await slack.post('{"type":"event_callback",', 'application/json');
    expect(response.status).toBe(400);
    expect(response.headers['x-slack-no-retry']).toBe('1');
    await slack.settle();
    expect(slack.api.calls).toEqual([]);
  });

  it('should acknowledge within a second even when the Web API is slow', async () => {
    slack.api.delay('chat.postMessage', 2_000);
    const response = await slack.event(hello('U0SLOWAPI'));
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    expect(response.ms).toBeLessThan(1_000);
    await slack.api.waitFor('chat.postMessage');
    await slack.settle();
  });

  it('should reply once to an event delivered three times, a retry arriving while the first still runs', async () => {
    slack.api.delay('chat.postMessage', 1_500);
    const user = 'U0RETRY01';
    const body = hello(user, nextEventId());
    const first = slack.event(body);
    await slack.api.waitFor('chat.postMessage'); // the first attempt is now inside the slow Web API call
    const retry = await slack.event(body, { retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    expect(retry.ms).toBeLessThan(1_000);
    expect((await first).status).toBe(200);
    await slack.settle();
    const late = await slack.event(body, { retryNum: 2, retryReason: 'http_timeout' });
    expect(late.status).toBe(200);
    await slack.settle();
    const replies = slack.api
      .callsOf('chat.postMessage')
      .filter((c) => c.args.channel === `D${user.slice(1)}`);
    expect(replies).toHaveLength(1);
    const seen = await slack.keys(`:{q}:in:seen:slack:${body.event_id}`);
    expect(seen).toHaveLength(1);
    expect(await slack.redis.ttl(seen[0]!)).toBeGreaterThan(3_600);
  });

  it('should reply once when three deliveries of one event arrive at the same moment', async () => {
    const body = hello('U0CONCUR1', nextEventId());
    const responses = await Promise.all([
      slack.event(body),
      slack.event(body, { retryNum: 1 }),
      slack.event(body, { retryNum: 2 }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await slack.settle();
    expect(slack.api.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('should not answer its own messages, other bots or edits', async () => {
    const channel = 'D0QUIET01';
    const responses = await Promise.all([
      slack.event(envelope(botMessage('Guten Tag', channel, FAKE_BOT.botId, FAKE_BOT.userId))),
      slack.event(envelope(botMessage('Ich bin ein anderer Bot', channel, 'B0OTHER99'))),
      // an app posting as its bot user: a user id, a bot_id, no subtype
      slack.event(
        envelope({
          ...directMessage('Ich kenne niemanden', 'U0OTHERBT', channel),
          bot_id: 'B0OTHER99',
          app_id: 'A0OTHER99',
          bot_profile: { id: 'B0OTHER99', name: 'Anderer Bot', app_id: 'A0OTHER99' },
        }),
      ),
      slack.event(
        envelope({
          ...directMessage('Ich kenne niemanden', FAKE_BOT.userId, channel),
          bot_id: FAKE_BOT.botId,
        }),
      ),
      slack.event(envelope(editedMessage('Ich kenne niemanden', 'U0QUIET01', channel))),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    await slack.settle();
    expect(slack.api.callsOf('chat.postMessage')).toEqual([]);
    expect(await slack.keys('*U0QUIET01*')).toEqual([]);
  });

  it('should keep message texts out of the logs', async () => {
    const canary = 'KANARIE-4711 Reha nach Unfall, ich kenne niemanden';
    await slack.event(envelope(directMessage(canary, 'U0CANARY1', 'D0CANARY1')));
    await slack.api.waitFor('chat.postMessage');
    await slack.settle();
    const logs = slack.logs.join('\n');
    expect(logs).toContain('slack.turn');
    expect(logs).not.toContain('KANARIE');
    expect(logs).not.toContain('U0CANARY1');
    expect(logs).not.toContain('D0CANARY1');
  });
});
