import { AnswerReader } from '../../src/engine/answer-reader';
import { loadContent } from '../../src/engine/content';

// The answer reader on the real lexicon: no classifier is involved.
const reader = new AnswerReader(loadContent().lexicon);

describe('AnswerReader', () => {
  it('should read counts: digits, ranges, sums and number words', () => {
    expect(reader.number('ca. 15', 'de')).toBe(15);
    expect(reader.number('10-20', 'de')).toBe(15);
    expect(reader.number('2 Tanten und 3 Cousins', 'de')).toBe(5);
    expect(reader.number('zwei Tanten und drei Cousins', 'de')).toBe(5);
    expect(reader.number('ein paar', 'de')).toBe(3);
    expect(reader.number('null', 'de')).toBe(0);
    expect(reader.number('a dozen or so', 'en')).toBe(12);
    expect(reader.number('keine Ahnung', 'de')).toBe(0);
    expect(reader.number('das weiß ich so nicht', 'de')).toBeUndefined();
  });

  it('should read a short yes, no or "I don\'t know", however it is spelt', () => {
    expect(reader.yes('Ja, machen wir weiter', 'de')).toBe(true);
    expect(reader.no('Nö, lieber nicht', 'de')).toBe(true);
    expect(reader.dontKnow('keine ahnung ehrlich gesagt', 'de')).toBe(true);
    expect(reader.dontKnow('idk', 'en')).toBe(true);
    // A long answer is no short yes, even when it starts with one.
    expect(reader.yes('ja aber ich weiss wirklich nicht wen ich fragen soll', 'de')).toBe(false);
    expect(reader.opensWithNo('Nein, um Gottes willen, ich meinte mein Knie', 'de')).toBe(true);
  });

  it('should read how the last job came about, and find it again by its id', () => {
    expect(reader.lastJobPath('Über meinen Onkel', 'de')?.id).toBe('family');
    expect(reader.lastJobPath('through an agency', 'en')?.id).toBe('agency');
    expect(reader.lastJobPath('keine Ahnung mehr', 'de')).toBeUndefined();
    expect(reader.pathById('chance')?.person).toBe(false);
  });

  it('should read a contact as a role and a place, never a name', () => {
    expect(reader.contact('Mein Onkel bei Bosch', 'de')).toEqual({
      role: 'uncle',
      place: 'bei Bosch',
    });
    expect(reader.contact('my sister', 'en')).toEqual({ role: 'sister' });
    expect(reader.contact('Peter vielleicht', 'de')).toBeUndefined();
  });

  it('should read circumstances, commands and the language of a message', () => {
    expect(reader.constraints('mit meinem Knie geht das nicht', 'de')).toEqual(['mobility']);
    expect(reader.command('/hilfe')).toBe('help');
    expect(reader.command('english please')).toBe('lang_en');
    expect(reader.command('hilfe ich weiss nicht weiter wirklich')).toBeUndefined();
    expect(reader.language('ich kenne doch niemanden')).toBe('de');
    expect(reader.language('I really dont know anyone')).toBe('en');
    expect(reader.language('ok')).toBeUndefined();
  });
});
