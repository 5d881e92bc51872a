import dotenv from 'dotenv';
import { parseOptions, UsageError, type CliOptions } from './cli-options';

type Command = (options: CliOptions) => Promise<number>;

// Each command loads only what it uses: `classify` must not pay for Slack's and Telegram's
// libraries (about 0.6 s of imports), so the modules are required when the command runs.
const COMMANDS: Record<string, { run: Command; summary: string }> = {
  start: {
    run: async (o) => (await import('./serve-command')).startCommand(o),
    summary: 'run the bot: serve when a channel is configured, else chat',
  },
  chat: {
    run: async (o) => (await import('./chat-command')).chatCommand(o),
    summary: 'talk to Türöffner in this terminal [--lang de|en] [--no-images]',
  },
  serve: {
    run: async () => (await import('./serve-command')).serveCommand(),
    summary: 'run the configured channels and the HTTP server on PORT',
  },
  classify: {
    run: async (o) => (await import('./classify-command')).classifyCommand(o),
    summary: 'classify stdin lines: --lang de|en [--model intents|practice|answers]',
  },
  validate: {
    run: async (o) => (await import('./validate-command')).validateCommand(o),
    summary: 'check intents/ and responses/ (file:line of each problem)',
  },
  train: {
    run: async (o) => (await import('./train-command')).trainCommand(o),
    summary: 'train the classifiers into models/ [--model practice|answers]',
  },
  eval: {
    run: async (o) => (await import('./eval-command')).evalCommand(o),
    summary: 'cross-validation and held-out scores [--lang] [--model] [--json] [--compare]',
  },
};

const USAGE = `Türöffner: a coaching chatbot for job seekers' objections to networking.

usage: tueroeffner <command> [options]

${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)}${summary}`)
  .join('\n')}
`;

/** Runs one command line; resolves to the process exit code. */
export async function main(args: string[]): Promise<number> {
  // Settings may come from a .env file next to the project (see .env.example); the environment wins.
  dotenv.config({ quiet: true });
  const [name, ...rest] = args;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(
      name && name !== 'help' && name !== '--help'
        ? `unknown command "${name}"\n\n${USAGE}`
        : USAGE,
    );
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  try {
    return await command.run(parseOptions(rest));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    process.stderr.write(`tueroeffner ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
