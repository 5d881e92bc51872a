import { loadContent } from '../../src/engine/content';
import { PITCH_MAX_SCORE, reviewPitch } from '../../src/engine/pitch-review';

const { pitch } = loadContent();

describe('a rehearsed pitch, read', () => {
  it('should give full marks to a pitch of about 30 seconds with all parts and the ask at the end', () => {
    const review = reviewPitch(
      'Ich bin Buchhalterin mit 20 Jahren Erfahrung. Besonders gut kann ich Ordnung in Zahlen bringen, ' +
        'zum Beispiel habe ich den Jahresabschluss allein gemacht. Ich suche eine Teilzeitstelle. ' +
        'Wenn Ihnen jemand einfällt, mit dem ich sprechen sollte, freue ich mich über einen Hinweis.',
      'de',
      pitch,
    );
    expect(review).toMatchObject({
      length: 'ok',
      parts: { who: true, strength: true, looking: true },
      ask: 'ends',
      score: PITCH_MAX_SCORE,
    });
    expect(review.seconds).toBe(Math.round(review.words / pitch.rehearsal.wordsPerSecond));
  });

  it('should name what is missing: length, a part, the ask', () => {
    const review = reviewPitch('Ich bin Koch. Ich kann gut kochen.', 'de', pitch);
    expect(review).toMatchObject({
      length: 'short',
      parts: { who: true, strength: true, looking: false },
      ask: 'none',
      score: 2,
    });
  });

  it('should see an ask that is not at the end', () => {
    const review = reviewPitch(
      "Do you know anyone in logistics? I'm a warehouse worker with ten years of experience. " +
        "I'm good at keeping things organised, for example I reorganised our stock room. I'm looking for a job with regular shifts.",
      'en',
      pitch,
    );
    expect(review.ask).toBe('early');
    expect(review.parts).toEqual({ who: true, strength: true, looking: true });
    expect(review.score).toBe(4);
  });

  it('should find a pitch too long past 80 words', () => {
    const long = `${'Ich bin Buchhalterin und arbeite gern mit Zahlen. '.repeat(12)}Kennen Sie jemanden?`;
    expect(reviewPitch(long, 'de', pitch).length).toBe('long');
  });
});
