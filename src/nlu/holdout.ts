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
  return readTextLines(file, 'intent').map(({ text, intent }) => ({ text, intent }));
}

/**
 * Reads a JSON-lines file of objects with a "text" and one more string field (the label, the
 * category), naming file and line of a line that has not.
 */
export function readTextLines<K extends string>(
  file: string,
  field: K,
): ({ text: string } & Record<K, string>)[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const value = JSON.parse(line) as Record<string, unknown>;
      const label = value[field];
      if (typeof value.text !== 'string' || typeof label !== 'string') {
        throw new Error(`${file}:${i + 1}: expected {"text": "...", "${field}": "..."}`);
      }
      return { text: value.text, [field]: label } as { text: string } & Record<K, string>;
    });
}
