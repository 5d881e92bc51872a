import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import { SlackConversations } from '../../../src/channels/slack/slack-conversations';
import { SlackSender } from '../../../src/channels/slack/slack-sender';
import { freshState } from '../../../src/engine/state';
import { silentLogger } from '../../../src/observability/logger';
import { PictureRenderer } from '../../../src/pictures/picture-renderer';
import { MemoryStore } from '../../../src/store/memory-store';
import { MemoryObjectionStats } from '../../../src/store/objection-stats';
import { FakeSlackApi } from '../../helpers/fake-slack-api';
import { pngSize } from '../../helpers/png';
import { memoryPipeline, type MemoryPipeline } from '../../helpers/test-pipeline';

// Progress as an image in Slack: the two-step upload (files.getUploadURLExternal, the bytes,
// files.completeUploadExternal) with the text version as alt text and as the message with it.
describe('pictures on Slack', () => {
  let api: FakeSlackApi;
  beforeAll(async () => {
    api = await FakeSlackApi.start();
  });
  afterAll(() => api.close());

  const TEAM = 'T0TEST';
  const channel = 'D0PICTURE';
  const user = 'U0PICTURE';

  const conversations = async (pictures?: PictureRenderer) => {
    const store = new MemoryStore();
    const state = freshState('de', 'user', Date.now());
    state.welcomed = true;
    state.commitments = 2;
    state.progress = {
      perObjection: { 'objection.not_for_me': { last: 2, best: 3, rounds: 2 } },
      streak: 1,
      history: [0.33, 0.66],
      pitch: { best: 4, last: 3, max: 5, tries: 2 },
    };
    await store.update(
      { userId: `slack:${TEAM}:${user}`, conversationId: `slack:${TEAM}:${channel}` },
      () => ({
        next: state,
        result: undefined,
      }),
    );
    // The replies go through the outbox, whose sender renders and uploads the picture.
    const pipeline = memoryPipeline(store);
    const sender = new SlackSender({
      token: 'xoxb-test-token',
      apiUrl: api.url,
      timeoutMs: 10_000,
      logger: silentLogger(),
      ...(pictures ? { pictures } : {}),
    });
    pipeline.deliveries.register('slack', {
      handle: async () => undefined,
      send: (message) => sender.send(message as never),
    });
    pipeline.deliveries.start();
    pipelines.push(pipeline);
    const slack = new SlackConversations({
      engine: pipeline.engine,
      ledger: pipeline.ledger,
      deliveries: pipeline.deliveries,
      stats: new MemoryObjectionStats(),
      logger: silentLogger(),
    });
    return { slack, pipeline };
  };
  const pipelines: MemoryPipeline[] = [];
  afterAll(() => Promise.all(pipelines.map((p) => p.deliveries.stop())));
  const say = async (
    { slack, pipeline }: { slack: SlackConversations; pipeline: MemoryPipeline },
    text: string,
  ) => {
    await slack.onDirectMessage(
      { team: TEAM, channel, user, text, ts: `${Date.now() / 1000}` },
      new webApi.WebClient('xoxb-test-token', { slackApiUrl: api.url }),
    );
    await pipeline.deliveries.idle();
  };

  it('should upload the progress picture with the text version as alt text and message', async () => {
    api.reset();
    await say(await conversations(new PictureRenderer()), 'fortschritt');
    const [request] = api.callsOf('files.getUploadURLExternal');
    expect(request?.args.filename).toBe('progress.png');
    const alt = String(request?.args.alt_text ?? request?.args.alt_txt ?? '');
    expect(alt).toMatch(/Ihr Übungsfortschritt/);
    expect(alt).toMatch(/Bei mir klappt das nicht/);
    expect(alt).toMatch(/Pitch: bestes Ergebnis 4\/5 \(2 Versuche\)/);
    const [complete] = api.callsOf('files.completeUploadExternal');
    expect(complete?.args.channel_id).toBe(channel);
    expect(String(complete?.args.initial_comment)).toBe(alt);
    const upload = api.uploads[0];
    expect(upload?.fileId).toBe(request?.response?.file_id);
    const size = pngSize(upload?.data ?? Buffer.alloc(0));
    expect(size.width).toBe(1200);
    expect(size.height).toBeGreaterThan(400);
    // No second copy of the chart as a plain message.
    expect(api.callsOf('chat.postMessage')).toHaveLength(0);
    // Kept for looking at it by eye (see the report of issue 17).
    fs.writeFileSync(path.join(os.tmpdir(), 'tueroeffner-slack-progress.png'), upload?.data ?? '');
  });

  it('should post the text version when no pictures are rendered', async () => {
    api.reset();
    await say(await conversations(), 'fortschritt');
    expect(api.callsOf('files.getUploadURLExternal')).toHaveLength(0);
    const [posted] = api.callsOf('chat.postMessage');
    expect(String(posted?.args.text)).toMatch(
      /Ihr Übungsfortschritt[\s\S]*Vereinbarte Schritte: 2/,
    );
  });

  it('should fall back to the text version when the upload is refused', async () => {
    api.reset();
    api.fail('files.getUploadURLExternal', 'missing_scope');
    await say(await conversations(new PictureRenderer()), 'fortschritt');
    expect(api.callsOf('files.completeUploadExternal')).toHaveLength(0);
    expect(String(api.callsOf('chat.postMessage')[0]?.args.text)).toMatch(/Ihr Übungsfortschritt/);
  });
});
