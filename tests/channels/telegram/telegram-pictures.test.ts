import { TelegramChannel } from '../../../src/channels/telegram/telegram-channel';
import { startBot } from './telegram-harness';
import { silentLogger } from '../../../src/observability/logger';
import { PictureRenderer } from '../../../src/pictures/picture-renderer';
import { FakeTelegramApi } from '../../helpers/fake-telegram-api';
import { pngSize } from '../../helpers/png';
import { textUpdate, type Person } from '../../helpers/telegram-updates';
import { deletePrefix, testPrefix, testRedis } from '../../helpers/redis';
import { memoryPipeline, type MemoryPipeline } from '../../helpers/test-pipeline';

// The network count's picture on Telegram: sent with sendPhoto, the PNG uploaded, the text version
// as the caption; and without a renderer, the text version alone as a message.
describe('pictures on Telegram', () => {
  const api = new FakeTelegramApi();
  const ida: Person = { id: 4711, first_name: 'Ida', language_code: 'de' };
  let apiRoot: string;
  beforeAll(async () => {
    apiRoot = await api.start();
  });
  afterAll(() => api.stop());

  const channelWith = async (pictures?: PictureRenderer) => {
    const pipeline = memoryPipeline();
    const channel = new TelegramChannel({
      token: '123456:TEST-token',
      apiRoot,
      webhook: { url: 'https://bot.example/telegram/webhook', secret: 'test_secret-42' },
      engine: pipeline.engine,
      ledger: pipeline.ledger,
      deliveries: pipeline.deliveries,
      forgetUser: (userId) => pipeline.store.forgetUser(userId),
      logger: silentLogger(),
      ...(pictures ? { pictures } : {}),
    });
    pipeline.deliveries.start();
    await channel.start();
    return { channel, pipeline };
  };
  // Each update recorded in the inbox, then waited for until its replies are sent (the outbox sends the photo).
  const count = async ({
    channel,
    pipeline,
  }: {
    channel: TelegramChannel;
    pipeline: MemoryPipeline;
  }) => {
    for (const text of ['Ich kenne niemanden.', 'ja', '12', '20', 'fertig']) {
      await channel.record(textUpdate(ida, text) as never);
      await pipeline.deliveries.idle();
    }
  };
  const stop = async ({
    channel,
    pipeline,
  }: {
    channel: TelegramChannel;
    pipeline: MemoryPipeline;
  }) => {
    await channel.stop();
    await pipeline.deliveries.stop();
  };

  it('should send the network count as a photo with its text version as the caption', async () => {
    const bot = await channelWith(new PictureRenderer());
    await count(bot);
    const photos = api.photosTo(ida.id);
    expect(photos).toHaveLength(1);
    const [photo] = photos;
    expect(photo?.caption).toContain('Ihr Netzwerk auf einen Blick – 32 von 300:');
    expect(photo?.caption).toContain('• Familie: 12\n• Freunde: 20');
    expect(pngSize(photo?.png ?? Buffer.alloc(0))).toEqual({ width: 1200, height: 1000 });
    const call = api.callsOf('sendPhoto', ida.id)[0];
    expect(call?.payload.parse_mode).toBe('HTML');
    expect(call?.files?.photo?.filename).toBe('network.png');
    // The text version went out once, as the caption, and the coaching goes on in a message after it.
    expect(api.textsTo(ida.id).some((t) => t.includes('auf einen Blick'))).toBe(false);
    expect(api.textsTo(ida.id).at(-1)).toMatch(/32 Menschen/);
    await stop(bot);
  });

  it('should send the text version alone where no pictures are rendered', async () => {
    const before = api.callsOf('sendPhoto').length;
    const bot = await channelWith();
    await count(bot);
    expect(api.callsOf('sendPhoto')).toHaveLength(before);
    expect(api.textsTo(ida.id).some((t) => t.includes('32 von 300:\n• Familie: 12'))).toBe(true);
    await stop(bot);
  });

  it('should queue the chart as plain data in the Redis outbox and render the photo when it is sent', async () => {
    const prefix = testPrefix('telegram-pictures');
    const inspect = testRedis();
    const bot = await startBot(apiRoot, prefix, false, { pictures: new PictureRenderer() });
    const before = api.photosTo(ida.id).length;
    try {
      for (const text of ['Ich kenne niemanden.', 'ja', '12', '20', 'fertig'])
        await bot.post(textUpdate(ida, text));
      const photos = api.photosTo(ida.id).slice(before);
      expect(photos).toHaveLength(1);
      expect(photos[0]?.caption).toContain('Ihr Netzwerk auf einen Blick – 32 von 300:');
      expect(pngSize(photos[0]?.png ?? Buffer.alloc(0))).toEqual({ width: 1200, height: 1000 });
    } finally {
      await bot.stop();
      await deletePrefix(inspect, prefix);
      inspect.disconnect();
    }
  });
});
