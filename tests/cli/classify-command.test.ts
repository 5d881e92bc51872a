import { runCli } from './run-cli';

const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { text: string; intent: string; confidence: number });

describe('tueroeffner classify', () => {
  it('should print one JSON line per input line, in order, and nothing else', async () => {
    const input = [
      'Ich kenne niemanden',
      'Hallo',
      '',
      'Danke dir!',
      'Ohne Vitamin B kriegt man keinen Job mehr',
    ].join('\n');
    const run = await runCli(['classify', '--lang', 'de'], `${input}\n`);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => l.text)).toEqual(input.split('\n'));
    expect(lines.map((l) => l.intent)).toEqual([
      'objection.knows_nobody',
      'greeting',
      'out_of_scope',
      'thanks',
      'objection.no_connections_no_job',
    ]);
    for (const line of lines) expect(line.confidence).toBeGreaterThanOrEqual(0);
    for (const line of lines) expect(line.confidence).toBeLessThanOrEqual(1);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(5);
  });

  it('should classify English with --lang en', async () => {
    const run = await runCli(['classify', '--lang=en'], "I don't know anyone\nthanks a lot\n");
    expect(jsonLines(run.stdout).map((l) => l.intent)).toEqual([
      'objection.knows_nobody',
      'thanks',
    ]);
  });

  it('should keep quotes, backslashes and emoji intact in the echoed text', async () => {
    const text = 'Er sagte "nein" \\ 🙈';
    const run = await runCli(['classify', '--lang', 'de'], `${text}\n`);
    expect(jsonLines(run.stdout)[0]?.text).toBe(text);
  });

  it('should name the coach’s move with --model practice', async () => {
    const run = await runCli(
      ['classify', '--lang', 'de', '--model', 'practice'],
      'Woher wissen Sie das?\nSie müssen einfach mehr Leute anrufen.\n',
    );
    expect(jsonLines(run.stdout).map((l) => l.intent)).toEqual([
      'technique.ask_evidence',
      'antipattern.lecture',
    ]);
  });

  it('should handle 10,000 lines in one call', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) =>
      i % 2 ? `Ich kenne niemanden ${i}` : `Hallo ${i}`,
    );
    const run = await runCli(['classify', '--lang', 'de'], lines.join('\n'));
    expect(run.code).toBe(0);
    const out = jsonLines(run.stdout);
    expect(out).toHaveLength(10_000);
    expect(out[9_999]?.text).toBe(lines[9_999]);
    expect(out[4_321]?.text).toBe(lines[4_321]);
  });

  it('should refuse an unknown language with exit code 2 and an empty stdout', async () => {
    const run = await runCli(['classify', '--lang', 'fr'], 'Bonjour\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--lang must be de or en');
  });
});

describe('tueroeffner validate', () => {
  it('should accept the project’s training files', async () => {
    const run = await runCli(['validate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/intents de: \d+ examples in 16 files, 0 problem/);
  });
});
