// A second process for the cross-process test: increments a counter in one conversation N times, concurrently.
import { createRedisClient, connectRedis } from '../../src/store/redis-client';
import { RedisStore } from '../../src/store/redis-store';

async function main(): Promise<void> {
  const [url, prefix, times] = process.argv.slice(2) as [string, string, string];
  const client = createRedisClient(url);
  await connectRedis(client);
  const store = new RedisStore(client, 60, prefix);
  const key = { userId: 'u1', conversationId: 'c1' };
  await Promise.all(
    Array.from({ length: Number(times) }, () =>
      store.update(key, (current) => {
        const count = ((current as { count?: number } | undefined)?.count ?? 0) + 1;
        return { next: { count }, result: count };
      }),
    ),
  );
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
