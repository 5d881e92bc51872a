import { testPrefix } from '../../helpers/redis';
import {
  lastPosted,
  postedTexts,
  saysKey,
  SlackHarness,
  type PostedMessage,
} from './slack-harness';
import {
  APP_ID,
  appHomeOpened,
  blockActions,
  directMessage,
  envelope,
  TEAM,
} from './slack-payloads';

describe('practice mode on Slack (Home button and DM, real HTTP, real redis-server)', () => {
  let slack: SlackHarness;
  beforeAll(async () => {
    slack = await SlackHarness.start(testPrefix('slack-practice'));
  });
  afterAll(async () => {
    await slack.close();
  });

  const step = (send: () => Promise<{ status: number }>) => slack.step(send);
  const texts = postedTexts;
  const lastPost = lastPosted;
  const user = 'U0UEBEN01';
  const say = (text: string) =>
    step(() => slack.event(envelope(directMessage(text, user, 'D0UEBEN01'))));
  const press = (message: PostedMessage, index: number) =>
    step(() => slack.interaction(blockActions(message, index, user, slack.api.responseUrl('p'))));

  it('should start practice from the App Home button in a DM, score a round and show the progress', async () => {
    await step(() => slack.event(envelope(appHomeOpened(user))));
    const home = slack.api.calls.filter((c) => c.method === 'views.publish').at(-1);
    const view = home?.args.view as {
      blocks: { type: string; block_id?: string; elements?: { action_id: string }[] }[];
    };
    const actions = view.blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.[0]?.action_id).toBe('tueroeffner_practice');

    let calls = await step(() =>
      slack.interaction({
        type: 'block_actions',
        user: { id: user, username: 'coachin', name: 'coachin', team_id: TEAM },
        api_app_id: APP_ID,
        container: { type: 'view', view_id: 'V0HOME' },
        trigger_id: '12466734323.1395872398.ab12',
        team: { id: TEAM, domain: 'test' },
        view: { id: 'V0HOME', type: 'home', blocks: view.blocks },
        actions: [
          {
            action_id: 'tueroeffner_practice',
            block_id: actions?.block_id ?? 'b1',
            text: { type: 'plain_text', text: 'Jetzt üben', emoji: true },
            type: 'button',
            action_ts: `${Math.floor(Date.now() / 1000)}.000002`,
          },
        ],
      }),
    );
    expect(calls.find((c) => c.method === 'conversations.open')?.args.users).toBe(user);
    const menu = lastPost(calls);
    expect(menu.channel).toBe('D0UEBEN01');
    expect(saysKey(texts(calls), 'practice.menu')).toBe(true);

    calls = await press(menu, 2);
    calls = await press(lastPost(calls), 4);
    expect(saysKey(texts(calls), 'practice.say.not_for_me')).toBe(true);

    const talk = (text: string) =>
      step(() => slack.event(envelope(directMessage(text, user, menu.channel))));
    calls = await talk('Wie klappt es denn Ihrer Meinung nach bei anderen?');
    expect(texts(calls)).toMatch(/Bewertung: 3\/3/);
    calls = await talk('Sie müssen einfach mehr Leute ansprechen, so ist das nun mal.');
    expect(texts(calls)).toMatch(/Bewertung: 0\/3/);
    expect(saysKey(texts(calls), 'practice.react.dig_in')).toBe(true);
    calls = await talk('Woher wissen Sie, dass es bei Ihnen nicht klappt?');
    expect(saysKey(texts(calls), 'practice.summary')).toBe(true);
    calls = await talk('fortschritt');
    expect(texts(calls)).toMatch(/█.*1× Bei mir klappt das nicht/);
    calls = await talk('fertig');
    expect(saysKey(texts(calls), 'practice.stopped')).toBe(true);
    calls = await say('Ich kenne niemanden.');
    expect(saysKey(texts(calls), 'knows_nobody.offer_count')).toBe(true);
  });
});
