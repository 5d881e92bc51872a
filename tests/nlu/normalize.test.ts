import { normalizeText } from '../../src/nlu/normalize';

describe('normalizeText', () => {
  it('should let "ä", "ae" and "a" meet in German', () => {
    expect(normalizeText('Männer', 'de')).toBe(normalizeText('Maenner', 'de'));
    expect(normalizeText('Maenner', 'de')).toBe(normalizeText('Manner', 'de'));
    expect(normalizeText('Ich möchte', 'de')).toBe('ich mochte');
    expect(normalizeText('müssen MUESSEN', 'de')).toBe('mussen mussen');
  });

  it('should fold ß to ss and drop case and punctuation', () => {
    expect(normalizeText('Straße, STRASSE!', 'de')).toBe('strasse strasse');
  });

  it('should collapse letters repeated three times or more', () => {
    expect(normalizeText('neeeein', 'de')).toBe('nein');
    expect(normalizeText('Hallooooo', 'de')).toBe('hallo');
  });

  it('should keep emoji and question marks as tokens of their own', () => {
    expect(normalizeText('danke🙏', 'de')).toBe('danke 🙏');
    expect(normalizeText('Wie geht das???', 'de')).toBe('wie geht das ?');
  });

  it('should join English contractions with and without apostrophe', () => {
    expect(normalizeText("I don't know anyone", 'en')).toBe(
      normalizeText('i dont know anyone', 'en'),
    );
  });

  it('should not fold "ue" in English words', () => {
    expect(normalizeText('true blue queue', 'en')).toBe('true blue queue');
  });

  it('should give an empty string for text without words', () => {
    expect(normalizeText('...!!! ,,', 'de')).toBe('');
  });
});
