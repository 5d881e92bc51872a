import fs from 'node:fs';
import path from 'node:path';
import { createRedisClient, connectRedis } from '../../src/store/redis-client';
import { RedisStore } from '../../src/store/redis-store';
import { MemoryStore } from '../../src/store/memory-store';
import { deletePrefix, TEST_REDIS_URL, testPrefix, testRedis } from '../helpers/redis';
import { testEngine } from '../helpers/test-engine';
import { playTranscript } from '../helpers/transcript';
import type Redis from 'ioredis';

const DIR = path.join(__dirname, '..', 'transcripts');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.txt'));

describe('transcripts (in-memory store)', () => {
  it.each(files.filter((f) => !f.includes('.redis.')))('should play %s', async (file) => {
    const store = new MemoryStore();
    const checked = await playTranscript(
      path.join(DIR, file),
      () => testEngine(store),
      `transcript:${file}`,
    );
    expect(checked).toBeGreaterThan(0);
  });
});

describe('transcripts (real Redis, bot restarts in between)', () => {
  const prefix = testPrefix('transcripts');
  const clients: Redis[] = [];
  let inspect: Redis;
  // Connections are made in beforeAll: hooks run only when a test of this block runs.
  beforeAll(() => {
    inspect = testRedis();
  });
  afterAll(async () => {
    await deletePrefix(inspect, prefix);
    for (const client of clients) client.disconnect();
    inspect.disconnect();
  });

  it.each(files)('should play %s', async (file) => {
    // Each engine gets its own connection, as a restarted process would.
    const makeEngine = async () => {
      const client = createRedisClient(TEST_REDIS_URL);
      clients.push(client);
      expect(await connectRedis(client)).toBe(true);
      return testEngine(new RedisStore(client, 600, prefix));
    };
    const checked = await playTranscript(path.join(DIR, file), makeEngine, `transcript:${file}`);
    expect(checked).toBeGreaterThan(0);
  });
});
