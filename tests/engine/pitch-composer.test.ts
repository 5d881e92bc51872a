import { loadContent } from '../../src/engine/content';
import { countWords, PitchComposer } from '../../src/engine/pitch-composer';
import type { PitchStyle } from '../../src/engine/state';
import type { Lang } from '../../src/nlu/intent-ids';

const content = loadContent();
const composer = new PitchComposer(content.pitch);
const STANDARD: PitchStyle = { register: 'standard', short: false };

// Answers as users give them: fragments, first-person sentences, an example, several sentences;
// with the words of each that must reach the pitch.
const CASES: { lang: Lang; answers: string[]; cores: string[] }[] = [
  {
    lang: 'de',
    answers: [
      'Buchhalterin mit 20 Jahren Erfahrung',
      'Genau arbeiten. Zum Beispiel habe ich den Jahresabschluss allein gemacht.',
      'eine Teilzeitstelle in der Buchhaltung, gern bei einem Handwerksbetrieb',
    ],
    cores: [
      'Buchhalterin mit 20 Jahren',
      'den Jahresabschluss allein gemacht',
      'Teilzeitstelle in der Buchhaltung',
    ],
  },
  {
    lang: 'de',
    answers: [
      'Ich arbeite seit zwölf Jahren als Lagerist.',
      'Den Überblick behalten, z. B. habe ich unser Lager auf Scanner umgestellt.',
      'Ich suche eine Stelle in der Logistik mit festen Schichten.',
    ],
    cores: [
      'seit zwölf Jahren als Lagerist',
      'Lager auf Scanner umgestellt',
      'Stelle in der Logistik',
    ],
  },
  {
    lang: 'en',
    answers: [
      'a nurse with fifteen years on a cardiac ward',
      'Staying calm, for example I led the ward through a night with three emergencies.',
      'a part-time role in a GP practice near Leeds',
    ],
    cores: [
      'nurse with fifteen years',
      'through a night with three emergencies',
      'GP practice near Leeds',
    ],
  },
];
const ANSWERS = {
  de: CASES.filter((c) => c.lang === 'de').map((c) => c.answers),
  en: CASES.filter((c) => c.lang === 'en').map((c) => c.answers),
};

// A user who pastes a page into every answer.
const LONG =
  'Ich habe sehr viele verschiedene Dinge in sehr vielen Firmen gemacht und gelernt '.repeat(12);

// Sentences end after a word of three or more letters ("z. B." ends none).
const sentences = (pitch: string) =>
  pitch.split(/(?<=\p{L}{3}[.!?])\s+(?=\p{Lu})/u).filter((s) => countWords(s) > 0);

describe('the composed pitch', () => {
  it.each(CASES.map((c, i) => [c.lang, i] as const))(
    'should have the three parts and end with the ask, in 2–4 sentences and at most 80 words (%s, case %d)',
    (lang, index) => {
      const { answers, cores } = CASES[index] ?? { answers: [], cores: [] };
      for (const register of ['standard', 'casual', 'formal'] as const) {
        const pitch = composer.compose(answers, lang, { register, short: false });
        expect(countWords(pitch)).toBeLessThanOrEqual(content.pitch.maxWords);
        expect(sentences(pitch).length).toBeGreaterThanOrEqual(2);
        expect(sentences(pitch).length).toBeLessThanOrEqual(4);
        for (const core of cores) expect(pitch).toContain(core);
        expect(pitch.endsWith(content.pitch.templates[lang][register].ask)).toBe(true);
      }
    },
  );

  it('should speak in the first person', () => {
    const pitch = composer.compose(ANSWERS.de[0] ?? [], 'de', STANDARD);
    expect(pitch).toMatch(/^Ich bin Buchhalterin mit 20 Jahren Erfahrung\./);
    expect(pitch).toContain('Ich suche eine Teilzeitstelle in der Buchhaltung');
    expect(pitch).toContain('genau arbeiten – zum Beispiel habe ich');
    const en = composer.compose(ANSWERS.en[0] ?? [], 'en', STANDARD);
    expect(en).toMatch(/^I'm a nurse with fifteen years on a cardiac ward\./);
    expect(en).toContain("I'm looking for a part-time role in a GP practice near Leeds.");
  });

  it('should stay within 80 words however long the answers are', () => {
    for (const lang of ['de', 'en'] as const) {
      const pitch = composer.compose([LONG, LONG, LONG], lang, STANDARD);
      expect(countWords(pitch)).toBeLessThanOrEqual(content.pitch.maxWords);
      expect(pitch).toContain('…');
      expect(pitch.endsWith(content.pitch.templates[lang].standard.ask)).toBe(true);
    }
  });

  it('should be shorter with "kürzer": no example, the short ask', () => {
    for (const { lang, answers } of CASES) {
      const long = composer.compose(answers, lang, STANDARD);
      const short = composer.compose(answers, lang, { register: 'standard', short: true });
      expect(countWords(short)).toBeLessThan(countWords(long));
      expect(short).not.toMatch(/zum Beispiel|z\. B\.|for example/);
      expect(short.endsWith(content.pitch.templates[lang].standard.ask_short)).toBe(true);
    }
    expect(composer.compose(ANSWERS.de[0] ?? [], 'de', { register: 'standard', short: true })).toBe(
      'Ich bin Buchhalterin mit 20 Jahren Erfahrung. Was ich besonders gut kann: genau arbeiten. ' +
        'Ich suche eine Teilzeitstelle in der Buchhaltung. Fällt Ihnen jemand ein, mit dem ich sprechen sollte?',
    );
  });

  it('should sound casual with "lockerer" and formal with "förmlicher"', () => {
    const answers = ANSWERS.de[0] ?? [];
    const casual = composer.compose(answers, 'de', { register: 'casual', short: false });
    const formal = composer.compose(answers, 'de', { register: 'formal', short: false });
    expect(casual).toContain('Wenn dir jemand einfällt');
    expect(casual).not.toContain('Ihnen');
    expect(formal).toContain('Falls Ihnen jemand einfällt');
    expect(formal).toMatch(/^Beruflich bin ich Buchhalterin/);
    expect(new Set([casual, formal, composer.compose(answers, 'de', STANDARD)]).size).toBe(3);
  });

  it('should leave out a part the user could not answer', () => {
    const pitch = composer.compose(['Lagerist', '', 'eine Stelle in der Logistik'], 'de', STANDARD);
    expect(pitch).toBe(
      'Ich bin Lagerist. Ich suche eine Stelle in der Logistik. ' +
        content.pitch.templates.de.standard.ask,
    );
  });
});
