import type pino from 'pino';

/**
 * A pino destination for a person at a terminal (the chat): each line as
 * "tueroeffner: <message>" on stderr instead of JSON. Messages are fixed
 * texts of the bot's own, never a user's words.
 */
export function humanDestination(
  stream: NodeJS.WritableStream = process.stderr,
): pino.DestinationStream {
  return {
    write(line: string): void {
      const { msg } = JSON.parse(line) as { msg?: string };
      if (msg) stream.write(`tueroeffner: ${msg}\n`);
    },
  };
}
