import type Redis from 'ioredis';
import { currentDeliveryId } from '../../src/delivery/delivery-context';
import { Deliveries } from '../../src/delivery/deliveries';
import type { Lanes } from '../../src/delivery/lanes';
import { MemoryLanes } from '../../src/delivery/memory-lanes';
import { QueueUncertainError, RedisLanes } from '../../src/delivery/redis-lanes';
import { silentLogger } from '../../src/observability/logger';
import { StoreUnavailableError } from '../../src/store/conversation-store';
import { KeyHasher } from '../../src/store/key-hasher';
import { deletePrefix, testPrefix, testRedis } from '../helpers/redis';
import { TEST_KEY_SECRET } from '../helpers/test-pipeline';

type Fault = 'queued, answer lost' | 'not queued';

// Lanes whose first `n` pushes fail: after Redis ran them (the connection broke on the way
// back, as when redis-server is killed), or before (Redis certainly does not have them).
function failingPushes<T>(lanes: Lanes<T>, fault: Fault, n = 1): Lanes<T> {
  let left = n;
  return Object.assign(Object.create(lanes) as Lanes<T>, {
    push: async (request: Parameters<Lanes<T>['push']>[0]) => {
      if (left-- <= 0) return lanes.push(request);
      if (fault === 'not queued') throw new StoreUnavailableError('Redis: Stream isn’t writeable');
      await lanes.push(request);
      throw new QueueUncertainError('Redis: Connection is closed.');
    },
  });
}

describe('a delivery or reply queued both in Redis and in memory (Redis may have had it) is worked once', () => {
  let redis: Redis;
  const prefix = testPrefix('twins');
  let n = 0;

  beforeAll(() => {
    redis = testRedis();
  });
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  function pipeline(faults: { inbox?: Fault; outbox?: Fault }) {
    const name = `t${n++}`;
    const lanes = (which: string) =>
      new RedisLanes<never>({ redis, prefix, name: `${name}-${which}`, leaseMs: 5_000 });
    const inbox = lanes('in');
    const outbox = lanes('out');
    const handled: string[] = [];
    const sent: string[] = [];
    const deliveries: Deliveries = new Deliveries({
      inbox: faults.inbox ? failingPushes(inbox, faults.inbox) : inbox,
      outbox: faults.outbox ? failingPushes(outbox, faults.outbox) : outbox,
      fallback: { inbox: new MemoryLanes(5_000), outbox: new MemoryLanes(5_000) },
      hasher: new KeyHasher(TEST_KEY_SECRET),
      logger: silentLogger(),
      forgetUser: async () => undefined,
    });
    deliveries.register('slack', {
      handle: async () => {
        const turnId = currentDeliveryId();
        handled.push(turnId);
        await deliveries.reply(turnId, 'slack:D0TWIN', 'slack:U0TWIN', [{ text: 'hi' }]);
      },
      send: async (message) => {
        sent.push(JSON.stringify(message));
        return { kind: 'sent' };
      },
    });
    return { deliveries, handled, sent, inbox, outbox };
  }

  it('an acknowledged Slack event whose push to Redis went through unconfirmed is handled and answered once', async () => {
    const { deliveries, handled, sent, inbox } = pipeline({ inbox: 'queued, answer lost' });
    deliveries.start();
    try {
      // Slack has its 200 already: the event goes to memory too, Redis has it as well.
      expect(
        await deliveries.receive('slack', 'slack:Ev0TWIN1', 'D0TWIN', {}, () => 'fallback'),
      ).toBe('queued');
      await deliveries.idle();
      expect(handled).toEqual(['slack:Ev0TWIN1']);
      expect(sent).toHaveLength(1);
      expect(await inbox.depth()).toBe(0);
    } finally {
      await deliveries.stop();
    }
  });

  it('a reply of a delivery from memory whose push to Redis went through unconfirmed is sent once', async () => {
    const { deliveries, handled, sent, outbox } = pipeline({
      inbox: 'not queued',
      outbox: 'queued, answer lost',
    });
    deliveries.start();
    try {
      await deliveries.receive('slack', 'slack:Ev0TWIN2', 'D0TWIN', {}, () => 'fallback');
      await deliveries.idle();
      expect(handled).toEqual(['slack:Ev0TWIN2']);
      expect(sent).toHaveLength(1);
      expect(await outbox.depth()).toBe(0);
    } finally {
      await deliveries.stop();
    }
  });
});
