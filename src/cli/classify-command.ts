import readline from 'node:readline';
import { loadClassifier } from '../nlu/model-artifact';
import { MODEL_SPECS } from '../nlu/model-spec';
import type { CliOptions } from './cli-options';

/**
 * `tueroeffner classify`: one utterance per input line, one JSON line per
 * utterance on stdout, in order (CONTRACT.md §2). Only JSON goes to stdout.
 */
export async function classifyCommand(options: CliOptions): Promise<number> {
  const classifier = loadClassifier(
    MODEL_SPECS[options.model],
    options.lang ?? 'de',
    undefined,
    (reason) => process.stderr.write(`tueroeffner: ${reason}\n`),
  );
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let batch: string[] = [];
  for await (const line of lines) {
    const { intent, confidence } = classifier.classify(line);
    batch.push(JSON.stringify({ text: line, intent, confidence: round(confidence) }));
    // Write in batches: one write per line would make 10,000 lines slow.
    if (batch.length >= 500) batch = await flush(batch);
  }
  await flush(batch);
  return 0;
}

function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

async function flush(batch: string[]): Promise<string[]> {
  if (batch.length === 0) return batch;
  const text = `${batch.join('\n')}\n`;
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
  );
  return [];
}
