import { ProjectCopy } from '../helpers/project-copy';
import { freePort } from '../helpers/redis-server';
import { CliProcess } from '../helpers/serve-process';

describe('data checked by validate and at start (a copy of the project, real processes)', () => {
  const copy = new ProjectCopy();
  afterAll(() => copy.remove());

  beforeAll(() => {
    copy.edit('responses/flows.yml', (t) => t.replace('expect: yesno', 'expect: yes-no'));
    copy.edit('responses/slack-coach.yml', (t) => t.replace('confidence_levels:', 'confidence:'));
  });

  it('should have validate name every problem of every file at its line, with exit code 1', async () => {
    const validate = new CliProcess({}, ['validate'], copy.root);
    expect((await validate.exited).code).toBe(1);
    expect(validate.stderr).toMatch(
      /^responses\/flows\.yml:\d+: flows\.objection\.knows_nobody\.steps\.kn_count\.expect: must be one of "open", "yesno", "none"$/m,
    );
    expect(validate.stderr).toMatch(/^responses\/slack-coach\.yml:\d+: unknown key "confidence"$/m);
    expect(validate.stdout).toMatch(/data files: \d+ files, 3 problem\(s\)/);
  });

  it('should refuse to serve with invalid data, listing every problem', async () => {
    const serve = new CliProcess(
      {
        PORT: String(await freePort()),
        REDIS_URL: '',
        TELEGRAM_BOT_TOKEN: '',
        SLACK_BOT_TOKEN: '',
      },
      ['serve'],
      copy.root,
    );
    expect((await serve.exited).code).toBe(1);
    expect(serve.stderr).toMatch(/tueroeffner serve: invalid data:\nresponses\/flows\.yml:\d+: /);
    expect(serve.stderr).toMatch(/^responses\/slack-coach\.yml:\d+: unknown key "confidence"$/m);
  });
});
