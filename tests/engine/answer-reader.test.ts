import { AnswerReader } from '../../src/engine/answer-reader';
import { loadContent } from '../../src/engine/content';

const reader = new AnswerReader(loadContent().lexicon);

describe('answer reader', () => {
  it.each([
    ['2 Tanten und 3 Cousins', 5],
    ['so 10-20', 15],
    ['zehn bis zwanzig', 15],
    ['weiß nicht, vielleicht 6', 6],
    ['zwei Tanten und drei Cousins', 5],
    ['ein paar', 3],
  ])('should read the count in "%s" as %d', (text, count) => {
    expect(reader.number(text, 'de')).toBe(count);
  });

  it('should find the user’s own contact with its place, never someone else’s', () => {
    expect(reader.contact('Mein Onkel ist Betriebsrat bei Bosch', 'de')).toEqual({
      role: 'uncle',
      place: 'bei Bosch',
    });
    expect(reader.contact('meine Nachbarin ist im Kirchenvorstand', 'de')).toMatchObject({
      role: 'neighbour_f',
      place: 'im Kirchenvorstand',
    });
    expect(
      reader.contact('der Bruder von einem aus dem Lauftreff wusste was', 'de'),
    ).toBeUndefined();
    expect(reader.contact('my brother-in-law works at Siemens', 'en')).toMatchObject({
      role: 'brother_in_law',
      place: 'at Siemens',
    });
  });

  it('should keep what follows a hedge, and name the facts of a long story', () => {
    expect(reader.afterHedge('Keine Ahnung, vielleicht frag ich ihn einfach mal', 'de')).toBe(
      'vielleicht frag ich ihn einfach mal',
    );
    expect(reader.afterHedge('keine Ahnung', 'de')).toBeUndefined();
    expect(
      reader.burden('Seit acht Monaten suche ich und habe fünfzig Bewerbungen geschrieben', 'de'),
    ).toBe('acht Monate, fünfzig Bewerbungen');
  });

  it('should note circumstances that rule suggestions out', () => {
    expect(reader.constraints('mit meinem Knie kann ich nicht lange stehen', 'de')).toEqual([
      'mobility',
    ]);
    expect(reader.constraints('ich bin Lagerhelfer, da gibts keine Messen', 'de')).toEqual([
      'no_fairs',
    ]);
  });
});

describe('commands typed as words', () => {
  it.each([
    '/delete',
    'lösch meine Daten',
    'Bitte löscht alles über mich',
    'delete everything about me',
    'vergessen',
  ])('should read "%s" as the command to delete everything', (text) => {
    expect(reader.command(text)).toBe('forget');
  });

  it('should not read a story that mentions deleting as the command', () => {
    expect(
      reader.command('ich habe gestern meine alten Bewerbungen gelöscht und neu angefangen'),
    ).toBe(undefined);
  });
});
