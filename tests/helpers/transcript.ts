import fs from 'node:fs';
import type { Voice } from '../../src/engine/content';
import type { Engine } from '../../src/engine/engine';
import type { Button, IncomingMessage, Turn } from '../../src/engine/types';
import { realParts } from './test-engine';

/**
 * Transcript files (tests/transcripts/*.txt) describe conversations as a coach
 * would read them:
 *
 *   # a comment
 *   @voice de-du            the voice the response keys below are matched in (de-sie, de-du, en)
 *   @locale en              the platform language sent with each message
 *   @restart                a new engine on the same store: a restarted bot process
 *   user> Ich kenne niemanden
 *   user> [1]               press the first button of the bot's last message
 *   user> @paste 10000      a paste of that many characters
 *   bot> key: knows_nobody.ack       one variant of this response key is in the turn
 *   bot> /mindestens 300/            the turn's text matches this regular expression
 *   bot> buttons: Ja, zählen wir! | Lieber nicht      all buttons of the last message, in order
 *   bot> button: Etwas anderes                        one of them
 *   bot> no: crisis.clear            no variant of this key is in the turn
 *   bot> image: network              a message of the turn carries a picture of this kind (network, progress)
 *   bot> no image                    no message of the turn carries a picture
 *   bot> outcome: escalated
 */
export interface TranscriptStep {
  line: number;
  kind: 'user' | 'bot' | 'directive';
  value: string;
}

export function readTranscript(file: string): TranscriptStep[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((raw, i) => ({ raw: raw.trimEnd(), line: i + 1 }))
    .filter(({ raw }) => raw && !raw.startsWith('#'))
    .map(({ raw, line }) => {
      if (raw.startsWith('user>'))
        return { line, kind: 'user' as const, value: raw.slice(5).trim() };
      if (raw.startsWith('bot>')) return { line, kind: 'bot' as const, value: raw.slice(4).trim() };
      if (raw.startsWith('@'))
        return { line, kind: 'directive' as const, value: raw.slice(1).trim() };
      throw new Error(`line ${line}: expected "user>", "bot>", "@" or "#"`);
    });
}

/** Plays a transcript against engines made by `makeEngine`; throws with the line of the first mismatch. */
export async function playTranscript(
  file: string,
  makeEngine: () => Engine | Promise<Engine>,
  conversationId: string,
): Promise<number> {
  let engine = await makeEngine();
  let voice: Voice = 'de-sie';
  let locale: string | undefined;
  let turn: Turn | undefined;
  let buttons: Button[] = [];
  let checked = 0;
  for (const step of readTranscript(file)) {
    const where = `${file.split('/').pop()}:${step.line}`;
    if (step.kind === 'directive') {
      const [name, arg] = step.value.split(/\s+/, 2);
      if (name === 'voice') voice = arg as Voice;
      else if (name === 'locale') locale = arg;
      else if (name === 'restart') engine = await makeEngine();
      else throw new Error(`${where}: unknown directive @${name}`);
      continue;
    }
    if (step.kind === 'user') {
      const message: IncomingMessage = {
        channel: 'terminal',
        conversationId,
        userId: conversationId,
        ...(locale ? { locale } : {}),
      };
      const pressed = /^\[(\d+)\]$/.exec(step.value);
      const paste = /^@paste (\d+)$/.exec(step.value);
      if (pressed) {
        const button = buttons[Number(pressed[1]) - 1];
        if (!button) throw new Error(`${where}: the last message has no button ${pressed[1]}`);
        message.choice = button.id;
      } else
        message.text = paste
          ? 'Ich kenne wirklich niemanden hier. '
              .repeat(Number(paste[1]) / 35 + 1)
              .slice(0, Number(paste[1]))
          : step.value;
      turn = await engine.handle(message);
      buttons = turn.replies.at(-1)?.buttons ?? [];
      continue;
    }
    if (!turn) throw new Error(`${where}: "bot>" before any "user>"`);
    expectBot(step.value, turn, voice, where);
    checked++;
  }
  return checked;
}

function expectBot(expectation: string, turn: Turn, voice: Voice, where: string): void {
  const text = turn.replies.map((r) => r.text).join('\n\n');
  const shown = `\n--- the bot said ---\n${text}\n--- buttons: ${turn.replies
    .flatMap((r) => r.buttons ?? [])
    .map((b) => b.label)
    .join(' | ')}`;
  const [, kind, rest] = /^(key|no|buttons|button|outcome|image):\s*(.*)$/.exec(expectation) ?? [];
  let ok: boolean;
  if (kind === 'image') ok = turn.replies.some((r) => r.image?.kind === rest);
  else if (expectation === 'no image') ok = turn.replies.every((r) => !r.image);
  else if (kind === 'key' || kind === 'no')
    ok = containsKey(text, voice, rest ?? '') === (kind === 'key');
  else if (kind === 'buttons')
    ok = (turn.replies.at(-1)?.buttons ?? []).map((b) => b.label).join(' | ') === rest;
  else if (kind === 'button')
    ok = (turn.replies.at(-1)?.buttons ?? []).some((b) => b.label === rest);
  else if (kind === 'outcome') ok = turn.outcome === rest;
  else if (expectation.startsWith('/') && expectation.endsWith('/'))
    ok = new RegExp(expectation.slice(1, -1), 'i').test(text);
  else ok = text.includes(expectation);
  if (!ok) throw new Error(`${where}: expected bot> ${expectation}${shown}`);
}

/** Whether a text contains one variant of a response key (placeholders match anything). */
export function containsKey(text: string, voice: Voice, key: string): boolean {
  const variants = realParts().content.texts[voice][key];
  if (!variants?.length) throw new Error(`no response key "${key}" in ${voice}`);
  return variants.some((variant) => {
    const pattern = variant.text
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*?');
    return new RegExp(pattern).test(text);
  });
}
