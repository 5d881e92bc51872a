import fs from 'node:fs';
import { ProjectCopy } from '../helpers/project-copy';
import { freePort } from '../helpers/redis-server';
import { CliProcess } from '../helpers/serve-process';

// Serve needs only a port here: it must refuse before it would listen.
const serveEnv = async (): Promise<NodeJS.ProcessEnv> => ({
  PORT: String(await freePort()),
  REDIS_URL: '',
  TELEGRAM_BOT_TOKEN: '',
  SLACK_BOT_TOKEN: '',
});

describe('models: trained by the install step, never by serve', () => {
  const copy = new ProjectCopy();
  afterAll(() => copy.remove());

  it('should refuse to serve with a missing or stale model, naming it and how to train', async () => {
    fs.rmSync(copy.file('models/practice-en.json'));
    const missing = new CliProcess(await serveEnv(), ['serve'], copy.root);
    expect((await missing.exited).code).toBe(1);
    expect(missing.stderr).toMatch(
      /tueroeffner serve: models\/practice-en\.json: no trained model yet; train the models first with `npx tueroeffner train`/,
    );
    copy.restore('models/practice-en.json');

    copy.edit('intents/practice/de/technique.ask_evidence.yml', (text) => `${text}\n# edited\n`);
    const stale = new CliProcess(await serveEnv(), ['serve'], copy.root);
    expect((await stale.exited).code).toBe(1);
    expect(stale.stderr).toMatch(/models\/practice-de\.json: the training data changed/);
    expect(fs.existsSync(copy.file('models/practice-de.json.tmp'))).toBe(false);
  }, 30_000);

  it('should let chat train a stale model once, with a progress line on stderr, and then serve it as it is', async () => {
    // The stale German practice model is retrained on a small part of its data, in a moment.
    copy.shrinkTrainingData('intents/practice/de', 10);
    const before = fs.statSync(copy.file('models/practice-de.json')).mtimeMs;
    const chat = new CliProcess({ REDIS_URL: '' }, ['chat'], copy.root);
    const first = await chat.exited;
    expect(first.code).toBe(0);
    expect(chat.stderr).toMatch(
      /tueroeffner: practice-de: the training data changed; training now/,
    );
    expect(chat.stdout).toMatch(/^bot> /);
    expect(fs.statSync(copy.file('models/practice-de.json')).mtimeMs).toBeGreaterThan(before);
    const again = new CliProcess({ REDIS_URL: '' }, ['chat'], copy.root);
    expect((await again.exited).code).toBe(0);
    expect(again.stderr).not.toMatch(/training now/);
  }, 120_000);
});
