import { VOICES, type Voice } from '../../src/engine/content';
import { PITCH_PARTS } from '../../src/engine/pitch-definition';
import { prefixOf } from '../../src/engine/response-keys';
import type { ConversationState } from '../../src/engine/state';
import type { IncomingMessage, Turn } from '../../src/engine/types';
import { OBJECTION_INTENTS, type ObjectionIntent } from '../../src/nlu/intent-ids';
import { MemoryStore } from '../../src/store/memory-store';
import { realParts, testEngine } from '../helpers/test-engine';
import { containsKey } from '../helpers/transcript';

// One clear statement of each objection per language, to enter its flow.
const SEEDS: Record<'de' | 'en', Record<ObjectionIntent, string>> = {
  de: {
    'objection.knows_nobody': 'Ich kenne einfach niemanden.',
    'objection.they_cant_help': 'Meine Bekannten können mir doch eh nicht helfen.',
    'objection.afraid_to_bother':
      'Ich will die Leute nicht mit meiner Jobsuche belästigen, das ist mir peinlich.',
    'objection.no_connections_no_job': 'Ohne Vitamin B kriegt man heute keinen Job mehr.',
    'objection.not_for_me': 'Bei anderen klappt das vielleicht, bei mir nicht.',
    'objection.fear_of_rejection': 'Ich hab Angst, dass die eh nein sagen.',
    'objection.cv_focus': 'Ich muss erst meinen Lebenslauf überarbeiten.',
    'objection.withdrawn': 'Seit der Reha hab ich zu keinem mehr Kontakt.',
  },
  en: {
    'objection.knows_nobody': "I don't know anyone.",
    'objection.they_cant_help': "My friends can't help me, they're all in other industries.",
    'objection.afraid_to_bother':
      "I don't want to bother people with my job search, it's embarrassing.",
    'objection.no_connections_no_job': "Without connections you don't get a job these days.",
    'objection.not_for_me': 'That might work for others but not for me.',
    'objection.fear_of_rejection': "I'm scared they'll just say no.",
    'objection.cv_focus': 'I need to fix my CV first.',
    'objection.withdrawn': "Since my accident I've lost touch with everyone.",
  },
};

const OPEN_ANSWER = { de: 'Vielleicht eine frühere Kollegin.', en: 'Maybe a former colleague.' };

/** Walks one flow to its end, answering yes (or no) to every question; returns the keys it checked. */
async function walk(intent: ObjectionIntent, voice: Voice, answerYes: boolean): Promise<string[]> {
  const store = new MemoryStore();
  const engine = testEngine(store);
  const lang = voice === 'en' ? 'en' : 'de';
  const base: IncomingMessage = {
    channel: 'telegram',
    conversationId: `walk:${voice}`,
    userId: `walk:${voice}`,
    locale: lang,
  };
  const read = async () =>
    (await store.read({
      userId: base.userId,
      conversationId: base.conversationId,
    })) as ConversationState;
  if (voice === 'de-du') await engine.handle({ ...base, text: 'duzen' });
  const checked: string[] = [];
  const { content } = realParts();
  let turn: Turn = await engine.handle({ ...base, text: SEEDS[lang][intent] });
  for (let i = 0; i < 30 && turn.outcome !== 'ended'; i++) {
    const state = await read();
    expect(turn.replies.length).toBeGreaterThan(0);
    expect(state.flow?.intent).toBe(intent);
    const flow = content.flows[intent];
    const step = flow?.steps[state.flow?.step ?? ''] ?? content.sharedSteps[state.flow?.step ?? ''];
    const text = turn.replies.map((r) => r.text).join('\n\n');
    // The question of the step the user now stands at is in the bot's last message (in the
    // pitch builder: the question of the part it asks for).
    const part = state.flow?.pitch ? PITCH_PARTS[state.flow.pitch.part] : undefined;
    const question = part
      ? `pitch.ask.${part}`
      : step?.say?.at(-1)?.replace(/^\$/, prefixOf(intent));
    if (question && question !== 'inventory.result') {
      expect([question, containsKey(text, voice, question)]).toEqual([question, true]);
      checked.push(question);
    }
    const buttons = turn.replies.at(-1)?.buttons ?? [];
    if (state.flow?.inventory)
      turn = await engine.handle({ ...base, text: lang === 'de' ? 'fertig' : 'done' });
    else if (buttons.length)
      turn = await engine.handle({
        ...base,
        choice: (answerYes ? buttons[0] : buttons[1])?.id ?? 'yes',
      });
    else turn = await engine.handle({ ...base, text: OPEN_ANSWER[lang] });
  }
  expect(turn.outcome).toBe('ended');
  expect(containsKey(turn.replies.map((r) => r.text).join('\n\n'), voice, 'flow.end')).toBe(true);
  return checked;
}

describe('every coaching flow in every voice', () => {
  const cases = OBJECTION_INTENTS.flatMap((intent) =>
    VOICES.map((voice) => [intent, voice] as const),
  );

  it.each(cases)('should walk %s to its end in %s, saying yes', async (intent, voice) => {
    const checked = await walk(intent, voice, true);
    expect(checked.length).toBeGreaterThanOrEqual(3);
  });

  it.each(cases)('should walk %s to its end in %s, saying no', async (intent, voice) => {
    const checked = await walk(intent, voice, false);
    expect(checked.length).toBeGreaterThanOrEqual(2);
  });
});
