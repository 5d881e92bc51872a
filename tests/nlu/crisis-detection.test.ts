import { CrisisDetector } from '../../src/nlu/crisis-detector';
import { normalizeText } from '../../src/nlu/normalize';
import { holdoutPath, readLabelledLines } from '../../src/nlu/holdout';
import { LANGS } from '../../src/nlu/intent-ids';
import { loadClassifier } from '../../src/nlu/model-artifact';
import { MODEL_SPECS } from '../../src/nlu/model-spec';

const classifiers = Object.fromEntries(
  LANGS.map((lang) => [lang, loadClassifier(MODEL_SPECS.intents, lang)]),
);

describe('crisis detection', () => {
  it.each(LANGS)('should catch every crisis line of the held-out file (%s)', (lang) => {
    const crisisLines = readLabelledLines(holdoutPath(MODEL_SPECS.intents, lang)).filter(
      (l) => l.intent === 'crisis',
    );
    expect(crisisLines.length).toBeGreaterThanOrEqual(15);
    const missed = crisisLines.filter(
      (line) => !classifiers[lang]?.classify(line.text).intent.startsWith('crisis'),
    );
    expect(missed).toEqual([]);
  });

  it('should answer an explicit statement with crisis even inside an objection', () => {
    const result = classifiers.de?.classify(
      'Ich kenne niemanden, der mir helfen kann, und ehrlich gesagt will ich mich umbringen.',
    );
    expect(result).toMatchObject({
      intent: 'crisis',
      crisis: { level: 'clear', source: 'pattern' },
    });
  });

  it('should catch indirect forms and typos in German and English', () => {
    const indirect = {
      de: [
        'will nicht mehr aufwachen',
        'hat doch alles keinen Sinn mehr',
        'Ich hab schon einen Abschiedsbrief geschrieben',
        'hab tabletten gesammelt',
        'ich will mich umbrigen',
      ],
      en: [
        "I don't want to wake up tomorrow",
        'everyone would be better off without me',
        'been saving up my pills',
        'thinking about suicde',
      ],
    };
    for (const lang of LANGS) {
      for (const text of indirect[lang])
        expect([text, classifiers[lang]?.classify(text).intent]).toEqual([
          text,
          expect.stringMatching(/^crisis/),
        ]);
    }
  });

  it('should not flag ordinary sad sentences about rejections as crisis, not all of them', () => {
    const sad = [
      'Schon wieder eine Absage, ich bin echt frustriert.',
      'Die dritte Absage diese Woche, das zieht mich runter.',
      'Ich bin traurig, dass es mit der Stelle nicht geklappt hat.',
      'Nach so vielen Absagen hab ich keine Lust mehr auf Bewerbungen.',
      'Das Vorstellungsgespräch lief schlecht, ich ärgere mich.',
      'Ich hab Angst, dass die wieder nein sagen.',
      'Mir ist das alles so peinlich mit der Arbeitslosigkeit.',
      'Ich bin enttäuscht, mein Kumpel hat sich nicht gemeldet.',
    ];
    const flagged = sad.filter((text) =>
      classifiers.de?.classify(text).intent.startsWith('crisis'),
    );
    expect(flagged.length).toBeLessThanOrEqual(1);
  });

  it('should stay a crisis however confident the classifier is about another intent', () => {
    const result = classifiers.en?.classify('Hi! Thanks, bye. I want to kill myself.');
    expect(result?.intent).toBe('crisis');
  });
});

describe('crisis patterns in context', () => {
  const detector = CrisisDetector.load();
  const level = (text: string, lang: 'de' | 'en' = 'de') =>
    detector.detect(normalizeText(text, lang));

  it.each([
    ['Das bringt mich noch um lol', 'de'],
    ['Mein Rücken bringt mich um', 'de'],
    ['ich sterbe vor Langeweile', 'de'],
    ['ich kann nicht mehr lange stehen', 'de'],
    ['beim Klettern hängen wir am Seil', 'de'],
    ['ich stricke gern', 'de'],
    ['this job hunt is killing me lol', 'en'],
    ["I'm at the end of my rope with this paperwork", 'en'],
  ] as const)('should read an idiom or body complaint as no crisis: %s', (text, lang) => {
    expect(level(text, lang)).toBe('none');
  });

  it('should cut a negation out but still read the rest of the message', () => {
    expect(level('Ich würde mir nie was antun, ich bin nur frustriert')).toBe('none');
    expect(level("I'd never hurt myself, just venting", 'en')).toBe('none');
    expect(level('Ich würde mir nie was antun, aber ich will nicht mehr leben')).toBe('clear');
  });

  it('should tell worry about someone else from the writer’s own crisis', () => {
    expect(level('Mein Bruder redet davon, sich was anzutun')).toBe('third_party');
    expect(level('My friend said she wants to end it', 'en')).toBe('third_party');
    expect(level('Mein Onkel hat mir den Job besorgt, und jetzt will ich nicht mehr leben')).toBe(
      'clear',
    );
  });

  it('should catch indirect, method and dialect statements', () => {
    for (const text of [
      'seit der Kündigung frag ich mich, wozu ich überhaupt noch da bin',
      'ich fahr morgen mit dem Auto gegen einen Baum, dann ist Ruhe',
      'i mog nimma lebn',
      'die wären alle froh, wenn ich weg wär',
    ])
      expect(level(text)).not.toBe('none');
    expect(level("I'm only a burden to my family anyway", 'en')).not.toBe('none');
  });
});
