import { spawn } from 'node:child_process';
import path from 'node:path';

const BIN = path.join(__dirname, '..', '..', 'bin', 'tueroeffner.js');

// util-linux's `script` gives the chat a real pseudo-terminal, so the interactive mode (prompt,
// colours) is what runs — the path a newcomer sees first with `npm start`.
function chatInTerminal(input: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', `${process.execPath} ${BIN} chat`, '/dev/null'], {
      env: { ...process.env, REDIS_URL: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(input);
  });
}

describe('tueroeffner chat in a terminal', () => {
  it('should greet, show a prompt and coloured bot lines, take a button number, and end at end of input', async () => {
    const { code, output } = await chatInTerminal('Ich kenne niemanden\n1\n');
    expect(code).toBe(0);
    expect(output).toContain('\x1b[36mbot>\x1b[0m Guten Tag, ich bin Türöffner.');
    expect(output).toContain('\x1b[1m> \x1b[0m');
    expect(output).toMatch(/mindestens 300/);
    expect(output).toMatch(/Kreis für Kreis|Kreise nacheinander/);
  }, 30_000);
});
