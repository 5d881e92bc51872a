import type { Content } from '../../src/engine/content';
import { Engine, type TurnFailure } from '../../src/engine/engine';
import type { IncomingMessage } from '../../src/engine/types';
import type { IntentClassifier } from '../../src/nlu/intent-classifier';
import { seededRandom } from '../../src/nlu/linear-model';
import { MemoryStore } from '../../src/store/memory-store';
import { realParts } from '../helpers/test-engine';
import { containsKey } from '../helpers/transcript';

const base: IncomingMessage = { channel: 'terminal', conversationId: 'eb:1', userId: 'eb:1' };
const texts = (turn: { replies: { text: string }[] }) => turn.replies.map((r) => r.text).join('\n');

/** The real content with one step of "Ich kenne niemanden" renamed, as an edit of flows.yml would. */
function withRenamedStep(content: Content, from: string, to: string): Content {
  const renamed = JSON.parse(JSON.stringify(content).replaceAll(`"${from}"`, `"${to}"`)) as Content;
  return { ...content, flows: renamed.flows };
}

function engineWith(
  store: MemoryStore,
  overrides: Partial<ConstructorParameters<typeof Engine>[0]> = {},
) {
  const failures: TurnFailure[] = [];
  const engine = new Engine({
    store,
    ...realParts(),
    random: seededRandom(3),
    onFailure: (failure) => failures.push(failure),
    ...overrides,
  });
  return { engine, failures };
}

describe('the error boundary around a turn', () => {
  it('should answer a failing turn with the apology in the user’s voice, report it once by code, and let the next message go on', async () => {
    const store = new MemoryStore();
    const { classifiers } = realParts();
    let broken = false;
    const flaky = {
      classify: (text: string) => {
        if (broken) throw new RangeError('model exploded');
        return classifiers.de.classify(text);
      },
    } as unknown as IntentClassifier;
    const { engine, failures } = engineWith(store, { classifiers: { ...classifiers, de: flaky } });
    await engine.handle({ ...base, text: 'duzen' });
    await engine.handle({ ...base, text: 'Ich kenne niemanden' });
    broken = true;
    const failed = await engine.handle({ ...base, text: 'ja, gern' });
    expect(containsKey(texts(failed), 'de-du', 'error')).toBe(true);
    expect(failures).toEqual([
      { code: 'tueroeffner.turn_failed', channel: 'terminal', error: 'RangeError' },
    ]);
    broken = false;
    const next = await engine.handle({ ...base, text: 'Ich trau mich nicht, die zu fragen' });
    expect(containsKey(texts(next), 'de-du', 'error')).toBe(false);
    expect(containsKey(texts(next), 'de-du', 'afraid_to_bother.ack')).toBe(true);
    expect(failures).toHaveLength(1);
  });
});

describe('state pinned to the content version', () => {
  it('should welcome a user whose step was renamed back to a fresh choice, keeping their voice', async () => {
    const store = new MemoryStore();
    const before = engineWith(store).engine;
    await before.handle({ ...base, text: 'duzen' });
    const offer = await before.handle({ ...base, text: 'Ich kenne niemanden' });
    expect(containsKey(texts(offer), 'de-du', 'knows_nobody.offer_count')).toBe(true);

    const edited = withRenamedStep(realParts().content, 'kn_count', 'kn_tally');
    const { engine: after, failures } = engineWith(store, { content: edited });
    const turn = await after.handle({ ...base, text: 'ja' });
    expect(failures).toEqual([]);
    expect(containsKey(texts(turn), 'de-du', 'welcome')).toBe(true);
    expect(turn.replies.at(-1)?.buttons?.map((b) => b.id)).toContain('objection.knows_nobody');
    const again = await after.handle({ ...base, choice: 'objection.knows_nobody' });
    expect(containsKey(texts(again), 'de-du', 'error')).toBe(false);
    expect(failures).toEqual([]);
  });

  it('should let a user whose step still exists go on, also from state written before the version was stored', async () => {
    const store = new MemoryStore();
    const { engine } = engineWith(store);
    await engine.handle({ ...base, text: 'Ich kenne niemanden' });
    await store.update(base, (raw) => {
      const older = { ...(raw as Record<string, unknown>) };
      delete older.content;
      return { next: older, result: undefined };
    });
    const turn = await engine.handle({ ...base, text: 'ja' });
    expect(containsKey(texts(turn), 'de-sie', 'inventory.intro')).toBe(true);
  });

  it('should have every stored state carry the content version', async () => {
    const store = new MemoryStore();
    const { engine } = engineWith(store);
    await engine.handle({ ...base, text: 'Ich kenne niemanden' });
    expect((await store.read(base)) as { content?: string }).toMatchObject({
      content: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
});
