import { contractParent, type Lang } from './intent-ids';
import type { ModelSpec } from './model-spec';
import { normalizeText } from './normalize';
import type { DataProblem, TrainingExample, TrainingSet } from './training-data';

/**
 * Checks a training set before anything learns from it: every id known, every
 * required id present, no example twice, no example under two intents.
 * Examples count as the same when they normalise to the same text, since the
 * classifier could not tell them apart either.
 */
export function validateTrainingSet(set: TrainingSet, spec: ModelSpec, lang: Lang): DataProblem[] {
  const problems = [...set.problems];
  const seen = new Map<string, TrainingExample>();
  for (const example of set.examples) {
    if (!spec.labels.includes(contractParent(example.intent, spec.labels))) {
      problems.push(
        at(example, `unknown intent id "${example.intent}"; known: ${spec.labels.join(', ')}`),
      );
    }
    const key = normalizeText(example.text, lang);
    const earlier = seen.get(key);
    if (!key) problems.push(at(example, 'example has no words'));
    else if (!earlier) seen.set(key, example);
    else if (earlier.intent === example.intent) {
      problems.push(at(example, `duplicate of ${earlier.file}:${earlier.line}`));
    } else {
      problems.push(
        at(
          example,
          `also under "${earlier.intent}" at ${earlier.file}:${earlier.line}; keep it under one intent`,
        ),
      );
    }
  }
  const present = new Set(set.examples.map((e) => contractParent(e.intent, spec.labels)));
  for (const label of spec.labels) {
    if (!present.has(label))
      problems.push({
        file: set.files[0] ?? '',
        line: 0,
        message: `no examples for "${label}" (${lang})`,
      });
  }
  return problems;
}

export { formatProblem } from '../content/data-file';

function at(example: TrainingExample, message: string): DataProblem {
  return { file: example.file, line: example.line, message };
}
