import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTrainingSet } from '../../src/nlu/training-data';

const ROOT = path.join(__dirname, '..', '..');

/**
 * A copy of the built project in a temporary folder (bin, dist, content,
 * training data, models; node_modules linked), so a test can edit flows,
 * training data or models and run the real command against them.
 */
export class ProjectCopy {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'tueroeffner-copy-'));

  constructor() {
    for (const part of ['bin', 'dist', 'responses', 'intents', 'models', 'package.json'])
      fs.cpSync(path.join(ROOT, part), path.join(this.root, part), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(this.root, 'node_modules'));
  }

  /** The absolute path of a file in the copy. */
  file(relative: string): string {
    return path.join(this.root, relative);
  }

  /** Rewrites a file of the copy. */
  edit(relative: string, change: (text: string) => string): void {
    const file = this.file(relative);
    fs.writeFileSync(file, change(fs.readFileSync(file, 'utf8')));
  }

  /** Puts a file of the real project back into the copy. */
  restore(relative: string): void {
    fs.cpSync(path.join(ROOT, relative), this.file(relative));
  }

  /**
   * Keeps only the first examples of each intent in a training folder of the copy, so that
   * retraining it takes a moment; the other models stay as trained.
   */
  shrinkTrainingData(relativeDir: string, examplesPerIntent: number): void {
    const dir = this.file(relativeDir);
    const { examples } = loadTrainingSet(dir, relativeDir.includes('/en') ? 'en' : 'de');
    for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
      const intent = name.replace(/\.yml$/, '');
      const kept = examples.filter((e) => e.intent === intent).slice(0, examplesPerIntent);
      const lines = kept.map((e) => `  - ${e.text}\n`).join('');
      fs.writeFileSync(path.join(dir, name), `intent: ${intent}\nexamples: |\n${lines}`);
    }
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
