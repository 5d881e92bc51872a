import { holdoutPath, readLabelledLines } from '../nlu/holdout';
import type { Lang } from '../nlu/intent-ids';
import { loadClassifier } from '../nlu/model-artifact';
import { MODEL_SPECS } from '../nlu/model-spec';
import { percentile } from './percentile';

/** Throughput and latency of the classifier on one core, over the held-out sentences. */
export function benchClassifier(lang: Lang, rounds = 40): string[] {
  const started = process.hrtime.bigint();
  const classifier = loadClassifier(MODEL_SPECS.intents, lang);
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const texts = readLabelledLines(holdoutPath(MODEL_SPECS.intents, lang)).map((l) => l.text);
  for (const text of texts) classifier.classify(text); // warm up the JIT and the stem cache
  const latencies: number[] = [];
  const total = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    for (const text of texts) {
      const t0 = process.hrtime.bigint();
      classifier.classify(text);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const seconds = Number(process.hrtime.bigint() - total) / 1e9;
  return [
    `classifier ${lang}: model load ${loadMs.toFixed(0)} ms`,
    `classifier ${lang}: ${latencies.length} utterances, ${(latencies.length / seconds).toFixed(0)} utterances/s (target ≥ 20,000)`,
    `classifier ${lang}: p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms (target p99 < 0.5 ms)`,
  ];
}
