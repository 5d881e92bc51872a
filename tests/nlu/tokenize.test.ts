import { normalizeText } from '../../src/nlu/normalize';
import { tokenize } from '../../src/nlu/tokenize';

const tokensOf = (text: string, lang: 'de' | 'en' = 'de') =>
  tokenize(normalizeText(text, lang), lang);

describe('tokenize', () => {
  it('should keep the words natural would drop as stop words', () => {
    const stems = tokensOf('Ich kenne niemanden, die können mir nicht helfen, ja nein anderen').map(
      (t) => t.stem,
    );
    for (const kept of ['ich', 'niemand', 'nicht', 'ja', 'nein', 'mir'])
      expect(stems).toContain(kept);
    expect(stems).toContain('and');
  });

  it('should mark the words after a negation as negated', () => {
    const tokens = tokensOf('Die können mir nicht helfen');
    const helfen = tokens.find((t) => t.word === 'helfen');
    const konnen = tokens.find((t) => t.word === 'konnen');
    expect(helfen?.negated).toBe(true);
    expect(konnen?.negated).toBe(false);
  });

  it('should end the negation scope after three words', () => {
    const tokens = tokensOf('kein Problem für mich heute aber morgen');
    expect(tokens.find((t) => t.word === 'mich')?.negated).toBe(true);
    expect(tokens.find((t) => t.word === 'heute')?.negated).toBe(false);
  });

  it('should treat English contractions as negations', () => {
    const tokens = tokensOf("They can't help me", 'en');
    expect(tokens.find((t) => t.word === 'help')?.negated).toBe(true);
  });

  it('should stem inflections to one stem', () => {
    const [a] = tokensOf('Bewerbungen');
    const [b] = tokensOf('Bewerbung');
    expect(a?.stem).toBe(b?.stem);
  });
});
