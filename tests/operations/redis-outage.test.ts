import { once } from 'node:events';
import type Redis from 'ioredis';
import type { Engine } from '../../src/engine/engine';
import type { IncomingMessage, Turn } from '../../src/engine/types';
import { connectRedis, createRedisClient } from '../../src/store/redis-client';
import { RedisStore } from '../../src/store/redis-store';
import { freePort, OwnRedisServer } from '../helpers/redis-server';
import { testEngine } from '../helpers/test-engine';
import { containsKey } from '../helpers/transcript';

const say = (engine: Engine, n: number, text: string): Promise<Turn> =>
  engine.handle({
    channel: 'telegram',
    conversationId: `outage:${n}`,
    userId: `outage:${n}`,
    text,
  } satisfies IncomingMessage);

// Waits for the client to be connected and answering again (an event, not a fixed sleep).
async function untilAnswers(client: Redis): Promise<void> {
  for (;;) {
    if (client.status !== 'ready') await once(client, 'ready');
    try {
      await client.ping();
      return;
    } catch {
      // The connection dropped again before the answer: wait for the next 'ready'.
    }
  }
}

describe('a Redis outage (own redis-server, killed and frozen)', () => {
  let server: OwnRedisServer;
  let client: Redis;
  let engine: Engine;

  beforeAll(async () => {
    server = new OwnRedisServer(await freePort());
    await server.start();
    client = createRedisClient(server.url);
    expect(await connectRedis(client)).toBe(true);
    engine = testEngine(new RedisStore(client, 600));
  });

  afterAll(async () => {
    client.disconnect();
    await server.stop();
  });

  it('should keep answering 50 conversations while Redis is killed, and resume them when it is back', async () => {
    const conversations = Array.from({ length: 50 }, (_, n) => n);
    const first = await Promise.all(
      conversations.map((n) => say(engine, n, 'Bei anderen klappt das vielleicht, bei mir nicht.')),
    );
    expect(
      first.every(
        (t) =>
          !t.degraded && containsKey(t.replies[0]?.text ?? '', 'de-sie', 'not_for_me.ask_others'),
      ),
    ).toBe(true);

    await server.kill();
    const during = await Promise.all(
      conversations.map((n) => say(engine, n, 'Die anderen trauen sich halt.')),
    );
    for (const turn of during) {
      expect(turn.degraded).toBe(true);
      expect(turn.replies.length).toBeGreaterThan(0);
    }
    const crisis = await say(engine, 99, 'Ich will nicht mehr leben.');
    expect(crisis.replies[0]?.text).toContain('0800 111 0 111');
    // The crisis is remembered while Redis is down: "war nur Spaß" still gets the resources.
    const joke = await say(engine, 99, 'war nur Spaß');
    expect(joke.outcome).toBe('escalated');
    expect(containsKey(joke.replies[0]?.text ?? '', 'de-sie', 'crisis.followup')).toBe(true);

    await server.start();
    // ioredis reconnects by itself; once it answers, every conversation continues where it stood.
    await untilAnswers(client);
    const after = await Promise.all(
      conversations.map((n) => say(engine, n, 'Die anderen gehen halt offen auf Leute zu.')),
    );
    for (const turn of after) {
      expect(turn.degraded).toBe(false);
      expect(
        containsKey(turn.replies.map((r) => r.text).join('\n'), 'de-sie', 'not_for_me.transfer'),
      ).toBe(true);
    }
    // And still once Redis is back, though the crisis turns were answered without it.
    const later = await say(engine, 99, 'war wirklich nur Spaß');
    expect(later.outcome).toBe('escalated');
    expect(later.replies[0]?.text).toContain('0800 111 0 111');
  }, 60_000);

  it('should reply within 3 seconds while Redis is frozen for 5 seconds', async () => {
    server.freeze(true);
    try {
      const started = Date.now();
      const turns = await Promise.all(
        [1, 2, 3].map((n) => say(engine, 200 + n, 'Ich kenne niemanden.')),
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      for (const turn of turns)
        expect(containsKey(turn.replies[0]?.text ?? '', 'de-sie', 'knows_nobody.ack')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5_000 - (Date.now() - started)));
    } finally {
      server.freeze(false);
    }
    await untilAnswers(client);
    const turn = await say(engine, 300, 'Ich kenne niemanden.');
    expect(turn.degraded).toBe(false);
  }, 30_000);
});
