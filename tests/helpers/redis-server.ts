// The tests' own redis-servers are the bench's: one implementation, shipped in src so the bench can run from dist.
export { freePort, OwnRedisServer } from '../../src/bench/own-redis-server';
