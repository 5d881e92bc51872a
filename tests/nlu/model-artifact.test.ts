import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { artifactPath, loadClassifier, trainAndSave } from '../../src/nlu/model-artifact';
import { MODEL_SPECS, PROJECT_ROOT } from '../../src/nlu/model-spec';

// A copy of the project's intents/ in a temporary root, so the test may edit and retrain freely.
function temporaryRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tueroeffner-root-'));
  fs.cpSync(path.join(PROJECT_ROOT, 'intents'), path.join(root, 'intents'), { recursive: true });
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
