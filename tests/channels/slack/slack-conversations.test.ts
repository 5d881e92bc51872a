import { testPrefix } from '../../helpers/redis';
import {
  buttonLabels,
  lastPosted,
  postedTexts,
  readable,
  saysKey,
  SlackHarness,
  type PostedMessage,
} from './slack-harness';
import {
  appMention,
  blockActions,
  directMessage,
  envelope,
  slashCommand,
  TEAM,
} from './slack-payloads';

describe('Slack client conversations (real HTTP, real redis-server)', () => {
  let slack: SlackHarness;
  beforeAll(async () => {
    slack = await SlackHarness.start(testPrefix('slack-conversations'));
  });
  afterAll(async () => {
    await slack.close();
  });
  beforeEach(() => slack.api.reset());

  // Sends, waits until the bot is done, and returns the Web API calls this step caused.
  const step = (send: () => Promise<{ status: number }>) => slack.step(send);
  const texts = postedTexts;
  const lastPost = lastPosted;
  const dm = (user: string, channel: string) => ({
    say: (text: string) => step(() => slack.event(envelope(directMessage(text, user, channel)))),
    press: (message: PostedMessage, index: number) =>
      step(() => slack.interaction(blockActions(message, index, user, slack.api.responseUrl('b')))),
  });

  it('should coach a whole "knows nobody" flow in a direct message, with buttons', async () => {
    const client = dm('U0KLIENT1', 'D0KLIENT1');
    let calls = await client.say('Ich kenne niemanden, der mir helfen könnte.');
    expect(saysKey(texts(calls), 'knows_nobody.ack')).toBe(true);
    expect(saysKey(texts(calls), 'knows_nobody.offer_count')).toBe(true);
    const offer = lastPost(calls);
    expect(offer.channel).toBe('D0KLIENT1');
    expect(offer.threadTs).toBeUndefined();
    expect(buttonLabels(offer)).toEqual(['Ja, zählen wir!', 'Lieber nicht']);

    calls = await client.press(offer, 0);
    const update = calls.find((c) => c.method === 'chat.update');
    expect(update?.args).toMatchObject({ channel: 'D0KLIENT1', ts: offer.ts });
    const updatedBlocks = update?.args.blocks as { type: string; elements?: { text: string }[] }[];
    expect(updatedBlocks.some((b) => b.type === 'actions')).toBe(false);
    expect(updatedBlocks.at(-1)).toMatchObject({
      type: 'context',
      elements: [{ text: 'Ja, zählen wir!' }],
    });
    expect(calls.findIndex((c) => c.method === 'chat.update')).toBeLessThan(
      calls.findIndex((c) => c.method === 'chat.postMessage'),
    );
    expect(saysKey(texts(calls), 'inventory.intro')).toBe(true);
    expect(texts(calls)).toMatch(/Familie und Verwandtschaft/);

    // The same keyboard pressed again (a double click that beat the update): nothing happens.
    expect(await client.press(offer, 0)).toEqual([]);

    expect(texts(await client.say('12'))).toMatch(/12 von 300/);
    expect(texts(await client.say('so ca. 20'))).toMatch(/32 von 300/);
    calls = await client.say('fertig');
    expect(saysKey(texts(calls), 'inventory.result')).toBe(true);
    expect(texts(calls)).toMatch(/\b32 Menschen/);
    expect(saysKey(texts(calls), 'knows_nobody.lever')).toBe(true);
    calls = await client.say('Meine alte Kollegin aus der Buchhaltung vielleicht.');
    expect(saysKey(texts(calls), 'next_step.lead')).toBe(true);
    expect(buttonLabels(lastPost(calls))).toEqual(['Ja, das mache ich', 'Lieber etwas Kleineres']);
    calls = await client.press(lastPost(calls), 0);
    expect(saysKey(texts(calls), 'next_step.commit')).toBe(true);
    expect(saysKey(texts(calls), 'pitch.offer')).toBe(true);
    calls = await client.press(lastPost(calls), 0);
    expect(saysKey(texts(calls), 'pitch.ask.who')).toBe(true);
    await client.say('Buchhalterin mit 20 Jahren Erfahrung');
    await client.say('Genau arbeiten, zum Beispiel den Jahresabschluss allein.');
    calls = await client.say('Eine Stelle in Teilzeit.');
    expect(saysKey(texts(calls), 'pitch.show')).toBe(true);
    expect(buttonLabels(lastPost(calls))).toEqual([
      'So lassen',
      'Kürzer',
      'Lockerer',
      'Förmlicher',
      'Selbst ändern',
    ]);
    calls = await client.press(lastPost(calls), 0);
    expect(saysKey(texts(calls), 'pitch.store_ask')).toBe(true);
    calls = await client.press(lastPost(calls), 1);
    expect(saysKey(texts(calls), 'pitch.not_saved')).toBe(true);
    expect(saysKey(texts(calls), 'flow.end')).toBe(true);
    for (const call of slack.api.calls) expect(call.token).toBe('xoxb-test-token');
  });

  it('should send replies as plain text, escaping what Slack would read as markup', async () => {
    const calls = await dm('U0KLIENT2', 'D0KLIENT2').say('hilfe');
    const post = calls.find((c) => c.method === 'chat.postMessage');
    // The Web API client sends a form: booleans arrive as strings, as Slack reads them.
    expect(post?.args).toMatchObject({ mrkdwn: 'false', unfurl_links: 'false' });
    expect(String(post?.args.text)).not.toMatch(/<(?!@)|(?<!&[a-z]{2,3});?>/);
  });

  it('should answer an @-mention in its thread and keep state per thread', async () => {
    const user = 'U0KLIENT3';
    const channel = 'C0COACHING';
    const first = appMention('Ich kenne niemanden.', user, channel);
    let calls = await step(() => slack.event(envelope(first)));
    expect(saysKey(texts(calls), 'knows_nobody.offer_count')).toBe(true);
    for (const post of calls.filter((c) => c.method === 'chat.postMessage')) {
      expect(post.args).toMatchObject({ channel, thread_ts: first.ts });
    }
    // A second mention in the same thread continues the conversation …
    calls = await step(() => slack.event(envelope(appMention('ja', user, channel, first.ts))));
    expect(saysKey(texts(calls), 'inventory.intro')).toBe(true);
    expect(lastPost(calls).threadTs).toBe(first.ts);
    // … while another thread of the same person starts fresh.
    const other = appMention('ja', user, channel);
    calls = await step(() => slack.event(envelope(other)));
    expect(saysKey(texts(calls), 'inventory.intro')).toBe(false);
    expect(lastPost(calls).threadTs).toBe(other.ts);
    for (const thread of [first.ts, other.ts]) {
      const key = slack.store.stateKey({
        userId: `slack:${TEAM}:${user}`,
        conversationId: `slack:${TEAM}:${channel}:${thread}`,
      });
      expect(await slack.redis.exists(key)).toBe(1);
    }
  });

  it('should answer a button pressed in a thread in that thread', async () => {
    const user = 'U0KLIENT4';
    const mention = appMention('Ich kenne niemanden.', user, 'C0COACHING');
    const calls = await step(() => slack.event(envelope(mention)));
    const offer = lastPost(calls);
    const after = await step(() =>
      slack.interaction(blockActions(offer, 1, user, slack.api.responseUrl('t'))),
    );
    expect(after.find((c) => c.method === 'chat.update')?.args.ts).toBe(offer.ts);
    const replies = after.filter((c) => c.method === 'chat.postMessage');
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) expect(reply.args.thread_ts).toBe(mention.ts);
  });

  it('should forget a client when they write "vergessen" in the direct message', async () => {
    const user = 'U0FORGET1';
    const client = dm(user, 'D0FORGET1');
    await client.say('Ich trau mich nicht, die Leute mit meiner Jobsuche zu belästigen.');
    await step(() => slack.event(envelope(appMention('Ich kenne niemanden', user, 'C0COACHING'))));
    expect((await slack.userKeys(user)).length).toBeGreaterThan(1);
    const calls = await client.say('vergessen');
    expect(saysKey(texts(calls), 'forget_done')).toBe(true);
    expect(await slack.userKeys(user)).toEqual([]);
    const again = await client.say(
      'Ich trau mich nicht, die Leute mit meiner Jobsuche zu belästigen.',
    );
    expect(saysKey(texts(again), 'repeat_objection')).toBe(false);
  });

  it('should forget a client with the slash command /tueroeffner-vergessen', async () => {
    const user = 'U0FORGET2';
    await dm(user, 'D0FORGET2').say('Die können mir doch eh nicht helfen.');
    expect((await slack.userKeys(user)).length).toBeGreaterThan(0);
    const calls = await step(() =>
      slack.command(
        slashCommand('/tueroeffner-vergessen', '', user, 'D0FORGET2', slack.api.responseUrl('f')),
      ),
    );
    const ephemeral = calls.find((c) => c.method === 'chat.postEphemeral');
    expect(ephemeral?.args).toMatchObject({ channel: 'D0FORGET2', user });
    expect(saysKey(readable(String(ephemeral?.args.text)), 'forget_done')).toBe(true);
    expect(calls.some((c) => c.method === 'chat.postMessage')).toBe(false);
    expect(await slack.userKeys(user)).toEqual([]);
  });
});
