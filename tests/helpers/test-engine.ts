import { loadContent, type Content } from '../../src/engine/content';
import { Engine } from '../../src/engine/engine';
import { LANGS, type Lang } from '../../src/nlu/intent-ids';
import type { IntentClassifier } from '../../src/nlu/intent-classifier';
import { seededRandom } from '../../src/nlu/linear-model';
import { loadClassifier } from '../../src/nlu/model-artifact';
import { MODEL_SPECS } from '../../src/nlu/model-spec';
import type { ConversationStore } from '../../src/store/conversation-store';
import { MemoryStore } from '../../src/store/memory-store';

let classifiers: Record<Lang, IntentClassifier> | undefined;
let practiceClassifiers: Record<Lang, IntentClassifier> | undefined;
let answerClassifiers: Record<Lang, IntentClassifier> | undefined;
let content: Content | undefined;

/** The real classifiers and responses, loaded once per test file. */
export function realParts(): {
  classifiers: Record<Lang, IntentClassifier>;
  practiceClassifiers: Record<Lang, IntentClassifier>;
  answerClassifiers: Record<Lang, IntentClassifier>;
  content: Content;
} {
  answerClassifiers ??= Object.fromEntries(
    LANGS.map((lang) => [lang, loadClassifier(MODEL_SPECS.answers, lang)]),
  ) as Record<Lang, IntentClassifier>;
  practiceClassifiers ??= Object.fromEntries(
    LANGS.map((lang) => [lang, loadClassifier(MODEL_SPECS.practice, lang)]),
  ) as Record<Lang, IntentClassifier>;
  classifiers ??= Object.fromEntries(
    LANGS.map((lang) => [lang, loadClassifier(MODEL_SPECS.intents, lang)]),
  ) as Record<Lang, IntentClassifier>;
  content ??= loadContent();
  return { classifiers, practiceClassifiers, answerClassifiers, content };
}

/** An engine with the real classifiers and texts, a store (memory by default) and repeatable randomness. */
export function testEngine(store: ConversationStore = new MemoryStore(), seed = 1): Engine {
  return new Engine({ store, ...realParts(), random: seededRandom(seed) });
}
