import { loadContent } from '../../src/engine/content';
import { Engine } from '../../src/engine/engine';
import type { Turn } from '../../src/engine/types';
import { seededRandom } from '../../src/nlu/linear-model';
import { StoreUnavailableError, type ConversationStore } from '../../src/store/conversation-store';
import { MemoryStore } from '../../src/store/memory-store';
import { fakeClassifier, type FakeRow } from '../helpers/fake-classifier';

const content = loadContent();
const TABLE: Record<string, FakeRow> = {
  'Bei mir klappt das nicht': { intent: 'objection.not_for_me' },
  'ich will nicht mehr leben': { intent: 'crisis', crisis: 'clear' },
  'alles ist sinnlos': { intent: 'crisis.possible', crisis: 'possible' },
  'das Leben ist so schwer geworden': {
    intent: 'crisis.possible',
    crisis: 'possible',
    source: 'model',
  },
  'mein Bruder will sich was antun': { intent: 'crisis.third_party', crisis: 'third_party' },
  ja: { intent: 'affirm' },
  'war nur Spaß': { intent: 'out_of_scope' },
};

function engine(store: ConversationStore = new MemoryStore()): Engine {
  const classifier = fakeClassifier(TABLE);
  const practice = fakeClassifier({}, 'other');
  return new Engine({
    store,
    classifiers: { de: classifier, en: classifier },
    practiceClassifiers: { de: practice, en: practice },
    content,
    random: seededRandom(3),
  });
}

// The response keys a turn's text came from: matched against every variant of the voice.
function keysOf(turn: Turn): string[] {
  const text = turn.replies.map((r) => r.text).join('\n\n');
  return Object.entries(content.texts['de-sie'])
    .filter(([, variants]) => variants.some((v) => text.includes(v.text.split('\n')[0] ?? '')))
    .map(([key]) => key);
}

function chat(bot: Engine, id = 'c1') {
  return (text: string, choice?: string) =>
    bot.handle({
      channel: 'terminal',
      conversationId: id,
      userId: id,
      text,
      ...(choice ? { choice } : {}),
    });
}

describe('crisis rule', () => {
  it('should answer a clear crisis inside a flow with resources and pause the flow', async () => {
    const say = chat(engine());
    await say('Bei mir klappt das nicht');
    const turn = await say('ich will nicht mehr leben');
    expect(turn.outcome).toBe('escalated');
    expect(keysOf(turn)).toContain('crisis.clear');
    expect(keysOf(turn)).not.toContain('not_for_me.transfer');
  });

  it('should relieve the gentle check on a long no and resume where the user was', async () => {
    const say = chat(engine());
    await say('Bei mir klappt das nicht');
    expect(keysOf(await say('alles ist sinnlos'))).toContain('crisis.possible');
    const turn = await say('Nein, um Gottes willen, ich meinte mein Knie');
    expect(keysOf(turn)).toEqual(
      expect.arrayContaining(['crisis.relieved', 'not_for_me.ask_others']),
    );
    expect(turn.outcome).not.toBe('escalated');
  });

  it.each([
    ['the "go on" button', '', 'resume_yes'],
    ['"no" button', '', 'crisis_no'],
    ['a wish to go on', 'Ja, wir können weitermachen', undefined],
    ['"mir geht es gut"', 'mir geht es gut, echt', undefined],
  ])('should let %s end the gentle check', async (_name, text, choice) => {
    const say = chat(engine());
    await say('Bei mir klappt das nicht');
    await say('alles ist sinnlos');
    const turn = await say(text, choice);
    expect(keysOf(turn)).toEqual(
      expect.arrayContaining(['crisis.relieved', 'not_for_me.ask_others']),
    );
  });

  it('should escalate the gentle check on a yes and on a second sign', async () => {
    const yes = chat(engine(), 'a');
    await yes('alles ist sinnlos');
    expect(keysOf(await yes('ja'))).toContain('crisis.clear');
    const again = chat(engine(), 'b');
    await again('alles ist sinnlos');
    expect(keysOf(await again('alles ist sinnlos'))).toContain('crisis.clear');
  });

  it('should ask at most one follow-up question before the user can go on', async () => {
    const say = chat(engine());
    await say('Bei mir klappt das nicht');
    await say('alles ist sinnlos');
    expect(keysOf(await say('hm'))).toContain('crisis.check_again');
    const turn = await say('hm');
    expect(keysOf(turn)).toEqual(
      expect.arrayContaining(['crisis.relieved', 'not_for_me.ask_others']),
    );
  });

  it('should keep a clear crisis open after "war nur Spaß" and resume with the go-on button', async () => {
    const say = chat(engine());
    await say('Bei mir klappt das nicht');
    await say('ich will nicht mehr leben');
    const joke = await say('war nur Spaß');
    expect(keysOf(joke)).toContain('crisis.followup');
    expect(joke.outcome).toBe('escalated');
    const goOn = await say('', 'resume_yes');
    expect(keysOf(goOn)).toEqual(
      expect.arrayContaining(['crisis.resume', 'not_for_me.ask_others']),
    );
  });

  it('should give resources for helping someone else, then go on', async () => {
    const say = chat(engine());
    await say('Bei mir klappt das nicht');
    const turn = await say('mein Bruder will sich was antun');
    expect(keysOf(turn)).toContain('crisis.third_party');
    expect(turn.replies.at(-1)?.buttons?.map((b) => b.id)).toEqual(['resume_yes', 'human']);
    expect(keysOf(await say('', 'resume_yes'))).toContain('crisis.third_party_resume');
  });

  it('should read a practice answer only by the patterns, not by the model alone', async () => {
    const say = chat(engine());
    await say('üben');
    await say('', 'practice:random');
    expect((await say('das Leben ist so schwer geworden')).outcome).not.toBe('escalated');
    expect((await say('ich will nicht mehr leben')).outcome).toBe('escalated');
  });

  it('should remember an open crisis when the store stops answering', async () => {
    const memory = new MemoryStore();
    let down = false;
    const flaky: ConversationStore = {
      read: (key) => (down ? Promise.reject(new StoreUnavailableError('down')) : memory.read(key)),
      update: (key, fn) =>
        down ? Promise.reject(new StoreUnavailableError('down')) : memory.update(key, fn),
      forgetUser: (user) => memory.forgetUser(user),
      close: () => memory.close(),
    };
    const say = chat(engine(flaky));
    await say('Bei mir klappt das nicht');
    down = true;
    expect(keysOf(await say('ich will nicht mehr leben'))).toContain('crisis.clear');
    const next = await say('war nur Spaß');
    expect(keysOf(next)).toContain('crisis.followup');
    expect(next.outcome).toBe('escalated');
    down = false;
    // Back with the store, whose state predates the crisis: the crisis is still open.
    expect(keysOf(await say('war nur Spaß'))).toContain('crisis.followup');
  });
});
