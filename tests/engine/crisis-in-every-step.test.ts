import { Engine } from '../../src/engine/engine';
import { freshState, type ConversationState } from '../../src/engine/state';
import { readCorpus } from '../../src/nlu/crisis-corpus';
import { LANGS, type Lang } from '../../src/nlu/intent-ids';
import { seededRandom } from '../../src/nlu/linear-model';
import { MemoryStore } from '../../src/store/memory-store';
import { realParts } from '../helpers/test-engine';

// Every kind of place a message can arrive at, as a stored state: the crisis check must come first in each.
const STEP_KINDS: Record<string, (state: ConversationState) => void> = {
  'outside a flow': () => undefined,
  'yes/no step': (s) =>
    void (s.flow = { intent: 'objection.knows_nobody', step: 'kn_count', reasks: 0 }),
  'network count': (s) =>
    void (s.flow = {
      intent: 'objection.knows_nobody',
      step: 'inventory',
      reasks: 0,
      inventory: { circle: 1, counts: [4] },
    }),
  'last-job story (hold)': (s) =>
    void (s.flow = { intent: 'objection.not_for_me', step: 'last_job', reasks: 0 }),
  'open question': (s) =>
    void (s.flow = { intent: 'objection.they_cant_help', step: 'tch_evidence', reasks: 0 }),
  'elevator pitch builder (hold)': (s) =>
    void (s.flow = {
      intent: 'objection.withdrawn',
      step: 'pitch_build',
      reasks: 0,
      pitch: { part: 1, answers: ['Buchhalterin'], style: { register: 'standard', short: false } },
    }),
  'pitch shown, options open': (s) =>
    void (s.flow = {
      intent: 'objection.withdrawn',
      step: 'pitch_build',
      reasks: 0,
      pitch: {
        part: 3,
        answers: ['Buchhalterin', 'Zahlen', 'eine Stelle'],
        style: { register: 'standard', short: false },
        awaiting: 'option',
      },
    }),
  'pitch rehearsal': (s) => {
    s.pitch = { text: 'Ich bin Buchhalterin.', savedAt: 0 };
    s.rehearsal = { scene: 'barbecue', scores: [] };
  },
  'ask-back': (s) => void (s.pending = 'unclear'),
  'practice round': (s) =>
    void (s.practice = {
      objection: 'objection.fear_of_rejection',
      persona: 'long_term_unemployed',
      mode: 'random',
      scores: [2],
      moves: ['technique.ask_anyway'],
    }),
};

const parts = realParts();

async function replyKind(
  lang: Lang,
  kind: string,
  text: string,
): Promise<'full' | 'gentle' | 'none'> {
  const store = new MemoryStore();
  const key = { userId: 'u', conversationId: 'c' };
  const state = freshState(lang, 'user', Date.now());
  state.welcomed = true;
  STEP_KINDS[kind]?.(state);
  await store.update(key, () => ({ next: state, result: undefined }));
  const engine = new Engine({ store, ...parts, random: seededRandom(1) });
  const turn = await engine.handle({ channel: 'terminal', userId: 'u', conversationId: 'c', text });
  const after = (await store.read(key)) as ConversationState;
  if (turn.outcome !== 'escalated') return 'none';
  // No step took the crisis statement as its answer: the flow is paused, not moved on.
  if (state.flow) expect(after.paused?.step).toBe(state.flow.step);
  return after.crisis?.level === 'possible' ? 'gentle' : 'full';
}

describe.each(LANGS)('crisis in every step (%s)', (lang) => {
  const crisisLines = readCorpus('crisis-corpus', lang);
  const ordinaryLines = readCorpus('crisis-safe', lang);

  it.each(Object.keys(STEP_KINDS))(
    'should recognise the crisis corpus inside: %s',
    async (kind) => {
      expect(crisisLines.length).toBeGreaterThanOrEqual(lang === 'de' ? 150 : 80);
      const missed: string[] = [];
      for (const line of crisisLines) {
        if ((await replyKind(lang, kind, line.text)) === 'none')
          missed.push(`${line.category}: ${line.text}`);
      }
      // Explicit and method statements: every one; all categories together: at least 97 %.
      expect(missed.filter((m) => /^(explicit|method):/.test(m))).toEqual([]);
      expect(missed.length / crisisLines.length).toBeLessThanOrEqual(0.03);
    },
  );

  it.each(Object.keys(STEP_KINDS))(
    'should not alarm on ordinary answers inside: %s',
    async (kind) => {
      expect(ordinaryLines.length).toBeGreaterThanOrEqual(lang === 'de' ? 150 : 100);
      const full: string[] = [];
      let gentle = 0;
      for (const line of ordinaryLines) {
        const reply = await replyKind(lang, kind, line.text);
        if (reply === 'full') full.push(line.text);
        if (reply === 'gentle') gentle++;
      }
      expect(full).toEqual([]);
      expect(gentle / ordinaryLines.length).toBeLessThanOrEqual(0.02);
    },
  );
});
