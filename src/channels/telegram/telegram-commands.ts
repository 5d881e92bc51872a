import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { CommandName } from '../../engine/types';
import { PROJECT_ROOT } from '../../nlu/model-spec';

/** Telegram commands, German and English spellings, and what they ask the engine for. */
export const TELEGRAM_COMMANDS: Record<string, CommandName> = {
  start: 'start',
  hilfe: 'help',
  help: 'help',
  neu: 'restart',
  restart: 'restart',
  sprache: 'language',
  language: 'language',
  anrede: 'address',
  ueben: 'practice',
  practice: 'practice',
  fortschritt: 'progress',
  progress: 'progress',
  pitch: 'pitch',
  vergessen: 'forget',
  forget: 'forget',
  stop: 'stop',
};

/** The command menus per language, as setMyCommands takes them (from responses/telegram-commands.yml). */
export function commandMenus(
  file = path.join(PROJECT_ROOT, 'responses', 'telegram-commands.yml'),
): {
  de: { command: string; description: string }[];
  en: { command: string; description: string }[];
} {
  const data = parse(fs.readFileSync(file, 'utf8')) as Record<'de' | 'en', Record<string, string>>;
  const menu = (lang: 'de' | 'en') =>
    Object.entries(data[lang]).map(([command, description]) => ({ command, description }));
  return { de: menu('de'), en: menu('en') };
}

/** The command of a message text ("/hilfe", "/start@tueroeffner_bot"), if it is one of ours. */
export function commandOf(text: string, botUsername: string): CommandName | undefined {
  const match = /^\/([a-z_]+)(?:@(\w+))?(?:\s|$)/i.exec(text.trim());
  if (!match) return undefined;
  const [, name, addressee] = match;
  if (addressee && addressee.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return TELEGRAM_COMMANDS[(name ?? '').toLowerCase()];
}
