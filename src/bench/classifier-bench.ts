import { holdoutPath, readLabelledLines } from '../nlu/holdout';
import type { Lang } from '../nlu/intent-ids';
import { loadClassifier } from '../nlu/model-artifact';
import { MODEL_SPECS } from '../nlu/model-spec';
import { percentile } from './percentile';

/** How long one measured run lasts, and how many runs the median is taken over (a VM's noise is large). */
const RUN_SECONDS = 1;
const RUNS = 5;

/** Throughput and latency of the classifier on one core, over the held-out sentences. */
export function benchClassifier(lang: Lang): string[] {
  const started = process.hrtime.bigint();
  const classifier = loadClassifier(MODEL_SPECS.intents, lang);
  const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
  const texts = readLabelledLines(holdoutPath(MODEL_SPECS.intents, lang)).map((l) => l.text);
  const latencies: number[] = [];
  const rates: number[] = [];
  for (let run = -1; run < RUNS; run++) {
    let count = 0;
    const runStarted = process.hrtime.bigint();
    while (Number(process.hrtime.bigint() - runStarted) < RUN_SECONDS * 1e9) {
      for (const text of texts) {
        const t0 = process.hrtime.bigint();
        classifier.classify(text);
        if (run >= 0) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      count += texts.length;
    }
    // Run -1 warms up the JIT and the caches; it is not counted.
    if (run >= 0) rates.push(count / (Number(process.hrtime.bigint() - runStarted) / 1e9));
  }
  return [
    `classifier ${lang}: model load ${loadMs.toFixed(0)} ms`,
    `classifier ${lang}: ${percentile(rates, 50).toFixed(0)} utterances/s (median of ${RUNS} one-second runs; ` +
      `slowest ${Math.min(...rates).toFixed(0)}, fastest ${Math.max(...rates).toFixed(0)}; target ≥ 20,000)`,
    `classifier ${lang}: p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms (target p99 < 0.5 ms)`,
  ];
}
