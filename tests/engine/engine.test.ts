import { StoreUnavailableError, type ConversationStore } from '../../src/store/conversation-store';
import type { IncomingMessage } from '../../src/engine/types';
import { MemoryStore } from '../../src/store/memory-store';
import { seededRandom } from '../../src/nlu/linear-model';
import { testEngine } from '../helpers/test-engine';
import { containsKey } from '../helpers/transcript';

const base: IncomingMessage = {
  channel: 'terminal',
  conversationId: 'engine-test',
  userId: 'engine-test',
};

/** A store that is down: every call fails the way a Redis outage does. */
class DownStore implements ConversationStore {
  async update(): Promise<never> {
    throw new StoreUnavailableError('Redis: connection refused');
  }
  async read(): Promise<never> {
    throw new StoreUnavailableError('Redis: connection refused');
  }
  async forgetUser(): Promise<never> {
    throw new StoreUnavailableError('Redis: connection refused');
  }
  async close(): Promise<void> {}
}

describe('Engine', () => {
  it('should answer without state, and say so, when the store is down', async () => {
    const turn = await testEngine(new DownStore()).handle({ ...base, text: 'Ich kenne niemanden' });
    expect(turn.degraded).toBe(true);
    const text = turn.replies.map((r) => r.text).join('\n');
    expect(containsKey(text, 'de-sie', 'knows_nobody.ack')).toBe(true);
    expect(containsKey(text, 'de-sie', 'degraded')).toBe(true);
  });

  it('should give crisis resources when the store is down, with nothing else added', async () => {
    const turn = await testEngine(new DownStore()).handle({
      ...base,
      text: 'Ich will mich umbringen.',
    });
    expect(turn.outcome).toBe('escalated');
    expect(turn.replies.map((r) => r.text).join('\n')).toContain('0800 111 0 111');
    expect(containsKey(turn.replies.map((r) => r.text).join('\n'), 'de-sie', 'degraded')).toBe(
      false,
    );
  });

  it('should say that forgetting failed when the store is down, not claim success', async () => {
    const turn = await testEngine(new DownStore()).handle({ ...base, command: 'forget' });
    expect(containsKey(turn.replies[0]?.text ?? '', 'de-sie', 'forget_failed')).toBe(true);
  });

  it('should never send the same sentence twice in a row', async () => {
    const engine = testEngine();
    const inputs = [
      'Wie wird das Wetter?',
      'Was gibt es zum Mittagessen?',
      'Wer gewinnt die Bundesliga?',
    ];
    let previous: string[] = [];
    for (let i = 0; i < 30; i++) {
      const turn = await engine.handle({
        ...base,
        conversationId: 'repeat',
        userId: 'repeat',
        text: inputs[i % 3],
      });
      const sentences = turn.replies.flatMap((r) => r.text.split('\n\n'));
      for (const sentence of sentences) expect(previous).not.toContain(sentence);
      previous = sentences;
    }
  });

  it('should vary the crisis message when a crisis is repeated, keeping the resources', async () => {
    const engine = testEngine();
    const first = await engine.handle({
      ...base,
      conversationId: 'c2',
      userId: 'c2',
      text: 'Ich will nicht mehr leben.',
    });
    const second = await engine.handle({
      ...base,
      conversationId: 'c2',
      userId: 'c2',
      text: 'Ich will nicht mehr leben.',
    });
    expect(first.replies[0]?.text).not.toEqual(second.replies[0]?.text);
    for (const turn of [first, second]) expect(turn.replies[0]?.text).toContain('0800 111 0 111');
  });

  it('should switch to English when an unknown user writes English', async () => {
    const turn = await testEngine().handle({
      ...base,
      conversationId: 'en1',
      userId: 'en1',
      text: "I don't know anyone who could help me",
    });
    expect(turn.lang).toBe('en');
    expect(containsKey(turn.replies.map((r) => r.text).join('\n'), 'en', 'knows_nobody.ack')).toBe(
      true,
    );
  });

  it('should take a first greeting as the language to speak, but not an Austrian "i"', async () => {
    const engine = testEngine();
    const hello = await engine.handle({
      ...base,
      conversationId: 'hi',
      userId: 'hi',
      text: 'hi there',
    });
    expect(hello.lang).toBe('en');
    const austrian = await engine.handle({
      ...base,
      conversationId: 'at',
      userId: 'at',
      text: 'I trau mi ned, de zu frogn',
    });
    expect(austrian.lang).toBe('de');
  });

  it('should keep a chosen language even when the user writes the other one', async () => {
    const engine = testEngine();
    const user = { ...base, conversationId: 'lang', userId: 'lang' };
    await engine.handle({ ...user, choice: 'lang:de' });
    const turn = await engine.handle({ ...user, text: "I don't know anyone who could help me" });
    expect(turn.lang).toBe('de');
  });

  it('should survive whatever a user or platform sends', async () => {
    const engine = testEngine(new MemoryStore());
    const random = seededRandom(99);
    const alphabet = [
      'a',
      'ä',
      'ß',
      ' ',
      '?',
      '!',
      '\n',
      '\u0000',
      '😀',
      '/',
      '[',
      '{',
      'ja',
      'nein',
      '12',
      'ich',
      '\u202e',
    ];
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(random() * 60);
      const text = Array.from(
        { length },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      const message: IncomingMessage =
        i % 7 === 0 ? { ...base, choice: text } : i % 11 === 0 ? { ...base } : { ...base, text };
      const turn = await engine.handle(message);
      expect(turn.replies.length).toBeGreaterThan(0);
      for (const reply of turn.replies) expect(reply.text.length).toBeGreaterThan(0);
    }
  });

  it('should answer a message without text or choice with a request for words', async () => {
    const turn = await testEngine().handle({ ...base, conversationId: 'empty', userId: 'empty' });
    expect(containsKey(turn.replies[0]?.text ?? '', 'de-sie', 'no_words')).toBe(true);
  });
});
