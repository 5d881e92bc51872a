import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from './intent-ids';
import { PROJECT_ROOT, type ModelSpec } from './model-spec';
import type { LabelledText } from './trained-model';

/**
 * The held-out file of a model: sentences written apart from the training
 * data, never trained on, used only to measure.
 */
export function holdoutPath(spec: ModelSpec, lang: Lang, root = PROJECT_ROOT): string {
  const prefix = spec.name === 'intents' ? 'holdout' : `${spec.name}-holdout`;
  return path.join(root, 'tests', 'fixtures', `${prefix}-${lang}.jsonl`);
}

/** Reads a JSON-lines file of `{"text", "intent"}` objects. */
export function readLabelledLines(file: string): LabelledText[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const value = JSON.parse(line) as Partial<LabelledText>;
      if (typeof value.text !== 'string' || typeof value.intent !== 'string') {
        throw new Error(`${file}:${i + 1}: expected {"text": "...", "intent": "..."}`);
      }
      return { text: value.text, intent: value.intent };
    });
}
