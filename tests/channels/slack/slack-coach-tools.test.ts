import { loadCoachTexts } from '../../../src/channels/slack/coach-texts';
import type { Voice } from '../../../src/engine/content';
import { OBJECTION_INTENTS } from '../../../src/nlu/intent-ids';
import { FakeSlackApi, type SlackApiCall } from '../../helpers/fake-slack-api';
import { testPrefix } from '../../helpers/redis';
import { readable, SlackHarness, variants } from './slack-harness';
import {
  appHomeOpened,
  appMention,
  directMessage,
  envelope,
  messageShortcut,
  slashCommand,
  TEAM,
} from './slack-payloads';

describe('Slack coach tools: /einwand, the shortcut, App Home (real HTTP, real redis-server)', () => {
  let slack: SlackHarness;
  beforeAll(async () => {
    slack = await SlackHarness.start(testPrefix('slack-coach-tools'));
  });
  afterAll(async () => {
    await slack.close();
  });
  beforeEach(() => slack.api.reset());

  const coach = loadCoachTexts();
  const CHANNEL = 'C0COACHING';
  /** The first variant of every question key of an objection, as /einwand shows them. */
  const questionsOf = (objection: string, voice: Voice): string[] =>
    (coach.questions[objection as (typeof OBJECTION_INTENTS)[number]] ?? []).map(
      (key) => variants(key, voice)[0] ?? `missing ${key}`,
    );
  const allQuestions = (voice: Voice) => OBJECTION_INTENTS.flatMap((o) => questionsOf(o, voice));
  const einwand = async (text: string, user = 'U0COACH01', channel = CHANNEL) => {
    const response = await slack.command(
      slashCommand('/einwand', text, user, channel, slack.api.responseUrl('einwand')),
    );
    expect(response).toMatchObject({ status: 200, body: '' });
    await slack.settle();
  };
  const ephemeral = (): SlackApiCall => {
    const calls = slack.api.callsOf('chat.postEphemeral');
    expect(calls).toHaveLength(1);
    return calls[0]!;
  };
  const shown = (call: SlackApiCall): string =>
    readable(`${String(call.args.text)}\n${JSON.stringify(call.args.blocks ?? [])}`).replace(
      /\\n/g,
      '\n',
    );

  it('should analyse /einwand for the coach only: objection, confidence, questions in Sie', async () => {
    await einwand('Ich kenne doch niemanden, der mir helfen könnte.');
    const call = ephemeral();
    expect(call.args).toMatchObject({ channel: CHANNEL, user: 'U0COACH01' });
    const text = shown(call);
    expect(text).toContain('Einwand-Analyse');
    expect(text).toContain('*Einwand:* Ich kenne niemanden');
    expect(text).toMatch(/\*Sicherheit:\* \d{1,3} % – /);
    expect(text).toContain('*Fragen Sie als Nächstes:*');
    const questions = questionsOf('objection.knows_nobody', 'de-sie');
    expect(questions.length).toBeGreaterThanOrEqual(2);
    for (const question of questions) expect(text).toContain(question);
    expect(slack.api.callsOf('chat.postMessage')).toEqual([]);
  });

  it('should use du when asked, and remember it for the shortcut', async () => {
    await einwand('du: Die können mir doch eh nicht helfen, sonst hätten sie es schon getan.');
    let text = shown(ephemeral());
    expect(text).toContain('*Frag als Nächstes:*');
    for (const question of questionsOf('objection.they_cant_help', 'de-du')) {
      expect(text).toContain(question);
    }
    for (const question of questionsOf('objection.they_cant_help', 'de-sie')) {
      expect(text).not.toContain(question);
    }
    slack.api.reset();
    const shortcut = messageShortcut(
      'Bei anderen klappt das vielleicht, aber bei mir nicht.',
      'U0COACH01',
      CHANNEL,
      slack.api.responseUrl('shortcut'),
    );
    expect((await slack.interaction(shortcut)).status).toBe(200);
    await slack.settle();
    text = shown(ephemeral());
    expect(text).toContain('Bei mir klappt das nicht');
    expect(text).toContain(questionsOf('objection.not_for_me', 'de-du')[0]);
  });

  it('should set the voice alone with "/einwand Sie" and explain itself when empty', async () => {
    await einwand('Sie', 'U0COACH02');
    expect(shown(ephemeral())).toContain(coach.texts['de-sie']['analysis.voice_set']);
    slack.api.reset();
    await einwand('', 'U0COACH02');
    expect(shown(ephemeral())).toContain('/einwand <der Einwand in den Worten Ihres Gegenübers>');
  });

  it('should answer in English for an English text, and with "en:"', async () => {
    await einwand("I don't know anyone who could help me find a job.", 'U0COACH03');
    let text = shown(ephemeral());
    expect(text).toContain('*Objection:*');
    expect(text).toContain('*Ask next:*');
    slack.api.reset();
    await einwand('en: Ohne Vitamin B kriegt man heute keinen Job mehr.', 'U0COACH03');
    text = shown(ephemeral());
    expect(text).toContain('No connections, no chance');
    expect(text).toContain(questionsOf('objection.no_connections_no_job', 'en')[0]);
  });

  it('should show crisis resources, never reframing questions, for a crisis text', async () => {
    for (const crisisText of [
      'Ich will nicht mehr leben.',
      'Ich kenne niemanden mehr und will eigentlich nur noch sterben.',
      // Decided by the same crisis policy as the engine: veiled, method, someone else at risk.
      'seit der Kündigung frag ich mich, wozu ich überhaupt noch da bin',
      'ich fahr morgen mit dem Auto gegen einen Baum, dann ist Ruhe',
      'Mein Bruder redet davon, sich was anzutun.',
    ]) {
      slack.api.reset();
      await einwand(crisisText, 'U0COACH04');
      const text = shown(ephemeral());
      expect(text).toContain('0800 111 0 111');
      expect(text).toContain('112');
      expect(text).not.toContain('Fragen Sie als Nächstes');
      for (const question of allQuestions('de-sie')) expect(text).not.toContain(question);
    }
  });

  it('should analyse an everyday hedge or idiom as an objection, never as a crisis', async () => {
    slack.api.reset();
    await einwand(
      'Das bringt mich noch um, ich trau mich einfach nicht, die zu fragen.',
      'U0COACH06',
    );
    const text = shown(ephemeral());
    expect(text).not.toContain('0800 111 0 111');
  });

  it('should say so when a text is none of the eight objections', async () => {
    await einwand('Wie wird das Wetter morgen in Hamburg?', 'U0COACH05');
    const text = shown(ephemeral());
    expect(text).toContain(coach.texts['de-sie']['analysis.no_objection']);
    for (const question of allQuestions('de-sie')) expect(text).not.toContain(question);
  });

  it("should answer through the response_url where chat.postEphemeral can't reach", async () => {
    slack.api.fail('chat.postEphemeral', 'channel_not_found');
    await einwand('Ich trau mich nicht, meine Bekannten zu belästigen.', 'U0COACH06', 'D0COACHKL');
    expect(slack.api.callsOf('chat.postEphemeral')).toHaveLength(1);
    expect(slack.api.responseUrlPosts).toHaveLength(1);
    const { path, body } = slack.api.responseUrlPosts[0]!;
    expect(path).toBe('/hooks/einwand');
    expect(body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(readable(JSON.stringify(body.blocks))).toContain(
      questionsOf('objection.afraid_to_bother', 'de-sie')[0],
    );
  });

  it('should not follow a response_url to a foreign host', async () => {
    const foreign = await FakeSlackApi.start(); // same address, other port: another origin
    try {
      slack.api.fail('chat.postEphemeral', 'channel_not_found');
      const command = slashCommand(
        '/einwand',
        'Ich kenne niemanden.',
        'U0COACH07',
        'D0COACHKL',
        foreign.responseUrl('elsewhere'),
      );
      await slack.command(command);
      await slack.settle();
      expect(slack.api.callsOf('chat.postEphemeral')).toHaveLength(1);
      expect(foreign.responseUrlPosts).toEqual([]);
      expect(slack.logs.join('\n')).toContain('slack.listener_failed');
    } finally {
      await foreign.close();
    }
  });

  it('should keep analysed texts and names out of the logs', async () => {
    await einwand('KANARIE-4711 ich kenne niemanden seit der Reha', 'U0CANARY2');
    ephemeral();
    const logs = slack.logs.join('\n');
    expect(logs).toContain('slack.analysis');
    expect(logs).not.toContain('KANARIE');
    expect(logs).not.toContain('U0CANARY2');
  });

  it('should publish the App Home with the workspace counts of 7 and 30 days, and nothing else', async () => {
    const day = 24 * 60 * 60 * 1000;
    await slack.stats.record(TEAM, 'objection.knows_nobody', Date.now() - 10 * day);
    await slack.stats.record(TEAM, 'objection.withdrawn', Date.now() - 40 * day); // past the window
    const clients = [
      ['U0HOMEKL1', 'D0HOMEKL1', 'Ich kenne niemanden, der mir helfen könnte.'],
      ['U0HOMEKL2', 'D0HOMEKL2', 'Ich kenne einfach niemanden.'],
      ['U0HOMEKL3', 'D0HOMEKL3', 'Die können mir doch eh nicht helfen.'],
    ] as const;
    for (const [user, channel, text] of clients) {
      await slack.event(envelope(directMessage(text, user, channel)));
    }
    // A mention in a channel is not a client DM: not counted.
    await slack.event(envelope(appMention('Ich kenne niemanden.', 'U0HOMEKL4', CHANNEL)));
    await slack.settle();
    slack.api.reset();
    await slack.event(envelope(appHomeOpened('U0COACH08')));
    await slack.settle();
    const [publish] = await slack.api.waitFor('views.publish');
    expect(publish?.args.user_id).toBe('U0COACH08');
    const view = publish?.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = readable(JSON.stringify(view.blocks));
    expect(text).toContain('Was Türöffner tut');
    expect(text).toContain('So starten Ihre Klientinnen und Klienten');
    expect(text).toContain('Üben');
    expect(text).toContain('Ich kenne niemanden: 2 in 7 Tagen · 3 in 30 Tagen');
    expect(text).toContain('Die können mir nicht helfen: 1 in 7 Tagen · 1 in 30 Tagen');
    expect(text).toContain('*Zusammen:* 3 in 7 Tagen · 4 in 30 Tagen');
    expect(text).not.toContain('Ich hab mich zurückgezogen');
    for (const [user, channel, message] of clients) {
      expect(text).not.toContain(user);
      expect(text).not.toContain(channel);
      expect(text).not.toContain(message);
    }
  });

  it('should show the App Home in the voice the coach chose', async () => {
    await einwand('en', 'U0COACH09');
    slack.api.reset();
    await slack.event(envelope(appHomeOpened('U0COACH09')));
    await slack.settle();
    const [publish] = await slack.api.waitFor('views.publish');
    expect(JSON.stringify(publish?.args.view)).toContain('What Türöffner does');
  });
});
