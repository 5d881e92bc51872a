import { loadContent, type Content } from '../../src/engine/content';
import { Engine } from '../../src/engine/engine';
import type { Turn } from '../../src/engine/types';
import { seededRandom } from '../../src/nlu/linear-model';
import { MemoryStore } from '../../src/store/memory-store';
import { fakeClassifier } from '../helpers/fake-classifier';

// The flow runner on the real flows and texts, with a table for a classifier: what a button
// means and which key a choice picks are data of flows.yml, and these tests change that data.
const KNOWS_NOBODY = 'Ich kenne niemanden';

function engine(content: Content): (text?: string, choice?: string) => Promise<Turn> {
  const classifier = fakeClassifier({ [KNOWS_NOBODY]: { intent: 'objection.knows_nobody' } });
  const practice = fakeClassifier({}, 'other');
  const bot = new Engine({
    store: new MemoryStore(),
    classifiers: { de: classifier, en: classifier },
    practiceClassifiers: { de: practice, en: practice },
    content,
    random: seededRandom(5),
  });
  return (text, choice) =>
    bot.handle({
      channel: 'terminal',
      conversationId: 'c1',
      userId: 'u1',
      locale: 'de',
      ...(text ? { text } : {}),
      ...(choice ? { choice } : {}),
    });
}

// Whether a turn says a response key of the Sie voice (placeholders match anything).
function says(content: Content, turn: Turn, key: string): boolean {
  const text = turn.replies.map((r) => r.text).join('\n\n');
  return (content.texts['de-sie'][key] ?? []).some((variant) =>
    new RegExp(
      variant.text
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*?'),
      'i',
    ).test(text),
  );
}

describe('FlowRunner', () => {
  it('should read a button as yes or no by what flows.yml says it means', async () => {
    const content = loadContent();
    const say = engine(content);
    await say(KNOWS_NOBODY);
    expect(says(content, await say(undefined, 'count_no'), 'last_job.ask')).toBe(true);

    content.buttons.count_no = 'yes';
    const flipped = engine(content);
    await flipped(KNOWS_NOBODY);
    expect(says(content, await flipped(undefined, 'count_no'), 'inventory.intro')).toBe(true);
  });

  it('should ask again after a button that is a choice of its own, neither yes nor no', async () => {
    const content = loadContent();
    content.buttons.count_no = 'choice';
    const say = engine(content);
    await say(KNOWS_NOBODY);
    const turn = await say(undefined, 'count_no');
    expect(says(content, turn, 'reask')).toBe(true);
    expect(says(content, turn, 'knows_nobody.offer_count')).toBe(true);
  });

  it('should say the key a choice of flows.yml picks, by its condition', async () => {
    const count = async (content: Content): Promise<Turn> => {
      const say = engine(content);
      await say(KNOWS_NOBODY);
      await say(undefined, 'count_yes');
      await say('12');
      return say('fertig');
    };
    const content = loadContent();
    const below = await count(content);
    expect(says(content, below, 'inventory.result')).toBe(true);
    expect(says(content, below, 'inventory.result_300')).toBe(false);

    const choice = content.choices['inventory.result']?.[0];
    if (choice) choice.if = { network_total_at_least: 10 };
    expect(says(content, await count(content), 'inventory.result_300')).toBe(true);
  });
});
