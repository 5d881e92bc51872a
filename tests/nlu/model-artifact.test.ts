import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { artifactPath, loadClassifier, trainAndSave } from '../../src/nlu/model-artifact';
import { dataDirFor, MODEL_SPECS, PROJECT_ROOT } from '../../src/nlu/model-spec';
import { loadTrainingSet } from '../../src/nlu/training-data';

const EXAMPLES_PER_INTENT = 10;

// A small fixture in a temporary root: the first examples of each English intent and the crisis
// patterns, so the test may edit and retrain freely, in a second instead of half a minute.
function temporaryRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tueroeffner-root-'));
  const dir = dataDirFor(MODEL_SPECS.intents, 'en', root);
  fs.mkdirSync(dir, { recursive: true });
  const { examples } = loadTrainingSet(dataDirFor(MODEL_SPECS.intents, 'en'), 'en');
  for (const intent of MODEL_SPECS.intents.labels) {
    const lines = examples
      .filter((e) => e.intent === intent)
      .slice(0, EXAMPLES_PER_INTENT)
      .map((e) => `  - ${e.text}\n`);
    fs.writeFileSync(
      path.join(dir, `${intent}.yml`),
      `intent: ${intent}\nexamples: |\n${lines.join('')}`,
    );
  }
  const patterns = path.join('intents', 'crisis-patterns.yml');
  fs.copyFileSync(path.join(PROJECT_ROOT, patterns), path.join(root, patterns));
  return root;
}

describe('model artifact', () => {
  const spec = MODEL_SPECS.intents;
  const root = temporaryRoot();
  const retrains: string[] = [];
  const load = () => loadClassifier(spec, 'en', root, (reason) => retrains.push(reason));

  it('should train, store and load a model that classifies like the trained one', () => {
    const trained = trainAndSave(spec, 'en', root);
    expect(fs.existsSync(artifactPath(spec, 'en', root))).toBe(true);
    const loaded = load();
    expect(retrains).toEqual([]);
    for (const text of [
      'I know nobody',
      'hello there',
      'nobody would hire me without connections',
    ]) {
      const [a, b] = [loaded.classify(text), trained.classify(text)];
      expect(a.intent).toBe(b.intent);
      expect(a.confidence).toBeCloseTo(b.confidence, 6);
    }
  });

  it('should retrain when the training data changed', () => {
    const file = path.join(root, 'intents', 'en', 'greeting.yml');
    fs.appendFileSync(file, '  - howdy partner\n');
    load();
    expect(retrains.at(-1)).toMatch(/training data changed/);
    retrains.length = 0;
    load();
    expect(retrains).toEqual([]);
  });

  it('should retrain when the artifact is unreadable', () => {
    fs.writeFileSync(artifactPath(spec, 'en', root), '{ not json');
    expect(load().classify('thank you so much').intent).toBe('thanks');
    expect(retrains.at(-1)).toMatch(/no trained model yet/);
  });
});
