import { connectRedis, createRedisClient } from '../store/redis-client';
import { benchClassifier } from './classifier-bench';
import { benchClassifiers, benchEngine, benchRawGets, benchStores } from './engine-bench';
import { benchHttp } from './http-bench';

/**
 * `npm run bench`: prints the speed figures the issues set targets for.
 * Figures, not tests: they depend on the machine and are read, not asserted.
 */
async function main(): Promise<void> {
  const print = (line: string): boolean => process.stdout.write(`${line}\n`);
  // `npm run bench -- --http`: only the HTTP load part.
  if (process.argv.includes('--http')) {
    if (!(await benchHttp(print))) process.exitCode = 1;
    return;
  }
  for (const lang of ['de', 'en'] as const) benchClassifier(lang).forEach(print);

  const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const redis = createRedisClient(url);
  const redisUp = await connectRedis(redis);
  if (!redisUp) print(`engine: no Redis at ${url}; measuring the in-memory store only`);
  let tightGets = 0;
  let pipelinedGets = 0;
  if (redisUp) {
    tightGets = await benchRawGets(redis, 1, 20_000);
    pipelinedGets = await benchRawGets(redis, 200, 100);
    print(
      `redis: raw GET rate ${tightGets.toFixed(0)}/s in a tight ioredis loop, ` +
        `${pipelinedGets.toFixed(0)}/s with 200 loops at once (auto-pipelined)`,
    );
  }
  const classifiers = benchClassifiers();
  for (const { name, store } of benchStores(redisUp ? redis : undefined)) {
    const r = await benchEngine(store, classifiers);
    const target =
      name === 'memory'
        ? '≥ 10,000 msg/s, p99 < 2 ms'
        : `≥ ${(tightGets / 4).toFixed(0)} msg/s, a quarter of the tight-loop GET rate`;
    print(
      `engine (${name}): ${r.messages} messages (200 conversations × 20 turns at once): ${r.perSecond.toFixed(0)} msg/s; ` +
        `latency p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms one message at a time ` +
        `(p50 ${r.loadedP50Ms.toFixed(1)} ms, p99 ${r.loadedP99Ms.toFixed(1)} ms queued under the full load); ` +
        `peak RSS ${r.peakRssMb.toFixed(0)} MB (target ${target})`,
    );
    if (name === 'redis') {
      print(
        `engine (redis): ${((r.perSecond / tightGets) * 100).toFixed(0)} % of the tight-loop GET rate, ` +
          `${((r.perSecond / pipelinedGets) * 100).toFixed(0)} % of the pipelined one ` +
          '(each message costs two round trips: read, then compare-and-set)',
      );
    }
  }
  redis.disconnect();
  if (!(await benchHttp(print))) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
