import fs from 'node:fs';
import path from 'node:path';
import { readTextLines } from './holdout';
import type { IntentClassifier } from './intent-classifier';
import type { Lang } from './intent-ids';
import { PROJECT_ROOT } from './model-spec';

/** One line of a crisis test corpus: a text and its category (explicit, method, hedge, body …). */
export interface CorpusLine {
  text: string;
  category: string;
}

/**
 * The crisis test corpora in tests/fixtures, never trained on: crisis lines
 * by category, and ordinary lines (in-flow answers, hedges, body complaints,
 * idioms, sad but safe) that must not raise the alarm. "crisis" was written
 * first and the patterns were developed against it; "fresh" was written later
 * by another author and never looked at while writing patterns, so it is the
 * honest measure of how the safety layer generalises.
 */
export const CRISIS_CORPORA = {
  crisis: { crisis: 'crisis-corpus', safe: 'crisis-safe' },
  fresh: { crisis: 'crisis-fresh', safe: 'crisis-fresh-safe' },
} as const;
export type CrisisCorpusName = keyof typeof CRISIS_CORPORA;

/** What the safety layer makes of one corpus in one language. */
export interface CrisisCorpusReport {
  corpus: CrisisCorpusName;
  lang: Lang;
  /** Share of crisis lines answered as a crisis (clear, third party or the gentle check), per category and overall. */
  recall: Record<string, { recall: number; n: number }>;
  /** Share of ordinary lines that got the full crisis message. */
  fullAlarmRate: number;
  /** Share of ordinary lines that got the gentle check. */
  gentleCheckRate: number;
  ordinaryLines: number;
}

/** Reads a corpus file of JSON lines; an absent file is an empty corpus. */
export function readCorpus(name: string, lang: Lang, root = PROJECT_ROOT): CorpusLine[] {
  const file = path.join(root, 'tests', 'fixtures', `${name}-${lang}.jsonl`);
  if (!fs.existsSync(file)) return [];
  return readTextLines(file, 'category').map(({ text, category }) => ({ text, category }));
}

/** Measures the crisis policy on one corpus, as every message is classified. */
export function evaluateCrisisCorpus(
  classifier: IntentClassifier,
  corpus: CrisisCorpusName,
): CrisisCorpusReport {
  const names = CRISIS_CORPORA[corpus];
  const levelOf = (text: string) => classifier.classify(text).crisis.level;
  const recall: CrisisCorpusReport['recall'] = {};
  const caught = readCorpus(names.crisis, classifier.lang).map((line) => ({
    category: line.category,
    hit: levelOf(line.text) !== 'none',
  }));
  for (const category of ['all', ...new Set(caught.map((c) => c.category))]) {
    const pool = caught.filter((c) => category === 'all' || c.category === category);
    recall[category] = { recall: share(pool, (c) => c.hit), n: pool.length };
  }
  const ordinary = readCorpus(names.safe, classifier.lang).map((line) => levelOf(line.text));
  return {
    corpus,
    lang: classifier.lang,
    recall,
    fullAlarmRate: share(ordinary, (level) => level === 'clear' || level === 'third_party'),
    gentleCheckRate: share(ordinary, (level) => level === 'possible'),
    ordinaryLines: ordinary.length,
  };
}

function share<T>(pool: T[], hit: (item: T) => boolean): number {
  return pool.length ? pool.filter(hit).length / pool.length : 0;
}
