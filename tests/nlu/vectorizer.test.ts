import { DEFAULT_FEATURE_OPTIONS, extractFeatures } from '../../src/nlu/features';
import { normalizeText } from '../../src/nlu/normalize';
import { Vocabulary } from '../../src/nlu/sparse-vector';
import { tokenize } from '../../src/nlu/tokenize';
import { Vectorizer } from '../../src/nlu/vectorizer';

const tokensOf = (text: string) => tokenize(normalizeText(text, 'de'), 'de');

describe('Vectorizer', () => {
  const training = [
    'Ich kenne niemanden',
    'Die können mir nicht helfen',
    'Ohne Vitamin B kein Job',
    'Hallo!',
  ];
  const vocabulary = Vocabulary.fit(
    training.map((t) => extractFeatures(tokensOf(t), DEFAULT_FEATURE_OPTIONS)),
  );
  const vectorizer = new Vectorizer(vocabulary, DEFAULT_FEATURE_OPTIONS);

  it('should give the same TF-IDF vector as the reference path, repeated words and unknown ones included', () => {
    for (const text of [
      ...training,
      'kenne kenne kenne niemand hier',
      'völlig unbekannte Wörter',
      'Hallo Hallo 👍',
    ]) {
      const fast = vectorizer.vectorize(tokensOf(text));
      const reference = vocabulary.vectorize(
        extractFeatures(tokensOf(text), DEFAULT_FEATURE_OPTIONS),
      );
      const asMap = (v: { indices: number[]; values: number[] }) =>
        new Map(v.indices.map((index, k) => [index, v.values[k] ?? 0]));
      const [a, b] = [asMap(fast), asMap(reference)];
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [index, value] of b) expect(a.get(index)).toBeCloseTo(value, 6);
    }
  });

  it('should not carry weights from one message into the next', () => {
    const first = vectorizer.vectorize(tokensOf('Ich kenne niemanden'));
    vectorizer.vectorize(tokensOf('Die können mir nicht helfen'));
    expect(vectorizer.vectorize(tokensOf('Ich kenne niemanden'))).toEqual(first);
  });
});
