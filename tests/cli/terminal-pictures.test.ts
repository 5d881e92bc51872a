import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runTerminalChat } from '../../src/channels/terminal-chat';
import { PictureRenderer } from '../../src/pictures/picture-renderer';
import { MemoryStore } from '../../src/store/memory-store';
import { pngSize } from '../helpers/png';
import { testEngine } from '../helpers/test-engine';

// The terminal chat writes a chart as a PNG file and prints its path; with --no-images
// (no picture folder) it shows the text chart alone.
async function chat(lines: string[], pictures?: { renderer: PictureRenderer; dir: string }) {
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  await runTerminalChat({
    engine: testEngine(new MemoryStore()),
    input: Readable.from(lines.map((line) => `${line}\n`)),
    output,
    interactive: false,
    conversationId: 'terminal:pictures',
    ...(pictures ? { pictures } : {}),
  });
  return written;
}

const COUNT = ['Ich kenne niemanden', '1', '12', '20', 'fertig'];

describe('pictures in the terminal chat', () => {
  it('should write the network count as a PNG file and print its path with the text chart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tueroeffner-test-'));
    try {
      const written = await chat(COUNT, { renderer: new PictureRenderer(), dir });
      const file = path.join(dir, 'network-1.png');
      expect(written).toContain(
        `bot> [PNG] ${file}\nbot> Ihr Netzwerk auf einen Blick – 32 von 300:`,
      );
      expect(pngSize(fs.readFileSync(file))).toEqual({ width: 1200, height: 1000 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should show only the text chart with --no-images', async () => {
    const written = await chat(COUNT);
    expect(written).not.toContain('[PNG]');
    expect(written).toContain('bot> • Familie: 12\nbot> • Freunde: 20');
  });
});
