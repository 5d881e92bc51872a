import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Engine } from '../engine/engine';
import type { Button, IncomingMessage, Reply } from '../engine/types';
import type { PictureRenderer } from '../pictures/picture-renderer';

/** Where the terminal chat reads and writes, and whose conversation it is. */
export interface TerminalChatOptions {
  engine: Engine;
  input: Readable;
  output: Writable;
  /** A person at a terminal (prompt, colours) rather than piped lines. */
  interactive: boolean;
  conversationId: string;
  locale?: string;
  /** Where the charts of replies are written as PNG files; without it (`--no-images`) the text chart alone is shown. */
  pictures?: { renderer: PictureRenderer; dir: string };
}

/**
 * The terminal as a channel (CONTRACT.md §3): every bot line starts with
 * "bot> ", buttons are listed as "  [1] label", and a line that is just the
 * number of a button offered in the last message presses it. Ends at end of
 * input, and quietly when the output is closed (`tueroeffner chat | head -1`).
 */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { engine, output, interactive } = options;
  let buttons: Button[] = [];
  let pictureCount = 0;
  const lines = readline.createInterface({
    input: options.input,
    terminal: false,
    crlfDelay: Infinity,
  });
  // A closed output (EPIPE) is how a reader says "enough": stop reading, write nothing more.
  let outputClosed = false;
  const endQuietly = (): void => {
    outputClosed = true;
    lines.close();
  };
  output.on('error', endQuietly);
  output.once('close', endQuietly);
  const send = async (message: Partial<IncomingMessage>): Promise<void> => {
    const turn = await engine.handle({
      channel: 'terminal',
      conversationId: options.conversationId,
      userId: options.conversationId,
      ...(options.locale ? { locale: options.locale } : {}),
      ...message,
    });
    buttons = turn.replies.at(-1)?.buttons ?? [];
    if (outputClosed) return;
    for (const reply of turn.replies) {
      const number = reply.image ? ++pictureCount : pictureCount;
      const picture = await savePicture(reply, options.pictures, number);
      if (outputClosed) return;
      output.write(render(reply, interactive, picture));
    }
  };
  // Listen before the first await: piped lines (and the end of input) that arrive while the welcome
  // is being answered would otherwise be lost, and the chat would wait forever.
  const incoming = lines[Symbol.asyncIterator]();
  await send({ command: 'start' });
  if (interactive) output.write(PROMPT);
  for await (const line of { [Symbol.asyncIterator]: () => incoming }) {
    if (outputClosed) break;
    const pressed = /^\s*\d+\s*$/.test(line) ? buttons[Number(line) - 1] : undefined;
    await send(pressed ? { choice: pressed.id } : { text: line });
    if (interactive && !outputClosed) output.write(PROMPT);
  }
  output.off('error', endQuietly);
  output.off('close', endQuietly);
  // Writes still under way may fail after this; they have nowhere to go and must not crash the chat.
  if (outputClosed) output.on('error', () => undefined);
  else if (interactive) output.write('\n');
}

const PROMPT = '\x1b[1m> \x1b[0m';

// A chart of a reply as a PNG file in the chat's picture folder; its path, or undefined without pictures.
async function savePicture(
  reply: Reply,
  pictures: TerminalChatOptions['pictures'],
  number: number,
): Promise<string | undefined> {
  if (!reply.image || !pictures) return undefined;
  const rendered = await pictures.renderer.render(reply.image);
  const file = path.join(pictures.dir, `${reply.image.kind}-${number}.png`);
  await fs.mkdir(pictures.dir, { recursive: true });
  await fs.writeFile(file, rendered.png);
  return file;
}

function render(reply: Reply, interactive: boolean, picture?: string): string {
  const prefix = interactive ? '\x1b[36mbot>\x1b[0m ' : 'bot> ';
  // The text version of a picture stays: in a terminal it is the chart one can read at once.
  const lines = picture ? [`[PNG] ${picture}`, ...reply.text.split('\n')] : reply.text.split('\n');
  const text = lines.map((line) => `${prefix}${line}`.trimEnd()).join('\n');
  const buttons = (reply.buttons ?? [])
    .map((button, i) => `  [${i + 1}] ${button.label}`)
    .join('\n');
  return `${text}\n${buttons ? `${buttons}\n` : ''}${interactive ? '\n' : ''}`;
}
