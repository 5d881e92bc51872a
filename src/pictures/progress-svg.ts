import type { ProgressChart } from '../engine/types';
import { STYLE } from './chart-style';
import { fitted, round, svgDocument, textElement } from './svg-markup';

const WIDTH = 1200;
const ROW = 64;
const HISTORY = { height: 150, top: 50 };
const FACT = 44;

/** The progress picture's size: its height grows with the objections practised. */
export function progressSize(chart: ProgressChart): { width: number; height: number } {
  const history = chart.history.length >= 2 ? HISTORY.height + HISTORY.top + 40 : 0;
  return {
    width: WIDTH,
    height: 150 + chart.rows.length * ROW + history + chart.facts.length * FACT + 40,
  };
}

/**
 * Practice progress as an SVG: per objection a bar of the last score with a
 * mark at the best, the round scores over time as a line, and the facts
 * (streak, steps agreed, the best pitch rehearsal) underneath.
 */
export function progressSvg(chart: ProgressChart): string {
  const { width, height } = progressSize(chart);
  const bar = { x: 560, width: 460, height: 26 };
  let y = 150;
  const rows = chart.rows.flatMap((row) => {
    const top = y;
    y += ROW;
    const share = (score: number) => Math.min(1, score / Math.max(1, chart.maxScore));
    const bestX = bar.x + bar.width * share(row.best);
    return [
      textElement(60, top + 20, fitted(row.label, 480, 26), { size: 26 }),
      `<rect x="${bar.x}" y="${top}" width="${bar.width}" height="${bar.height}" rx="13" fill="${STYLE.track}"/>`,
      `<rect x="${bar.x}" y="${top}" width="${round(Math.max(bar.height, bar.width * share(row.last)))}" height="${bar.height}" rx="13" fill="${STYLE.brand}"/>`,
      `<rect x="${round(bestX - 3)}" y="${top - 6}" width="6" height="${bar.height + 12}" rx="3" fill="${STYLE.accent}"/>`,
      textElement(bar.x + bar.width + 24, top + 21, `${row.last.toFixed(1)} · ${row.rounds}×`, {
        size: 24,
        weight: 700,
      }),
    ];
  });
  const history = chart.history.length >= 2 ? historyLine(chart, y) : [];
  if (history.length) y += HISTORY.height + HISTORY.top + 40;
  const facts = chart.facts.map((fact, i) =>
    textElement(60, y + 20 + i * FACT, fitted(fact, WIDTH - 120, 28), {
      size: 28,
      fill: STYLE.muted,
    }),
  );
  return svgDocument(width, height, [
    textElement(60, 84, chart.title, { size: 48, weight: 700, fill: STYLE.brand }),
    ...rows,
    ...history,
    ...facts,
  ]);
}

// The round scores over time, oldest left: a line with a dot per round, on a faint baseline.
function historyLine(chart: ProgressChart, top: number): string[] {
  const box = { x: 60, y: top + HISTORY.top, width: WIDTH - 120, height: HISTORY.height };
  const step = box.width / Math.max(1, chart.history.length - 1);
  const points = chart.history.map((score, i) => ({
    x: box.x + i * step,
    y: box.y + box.height * (1 - Math.min(1, Math.max(0, score))),
  }));
  return [
    textElement(60, top + 30, chart.historyLabel, { size: 26, weight: 700, fill: STYLE.brand }),
    `<line x1="${box.x}" y1="${box.y + box.height}" x2="${box.x + box.width}" y2="${box.y + box.height}" stroke="${STYLE.track}" stroke-width="3"/>`,
    `<polyline points="${points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ')}" fill="none" stroke="${STYLE.accent}" stroke-width="5" stroke-linejoin="round"/>`,
    ...points.map(
      (p) => `<circle cx="${round(p.x)}" cy="${round(p.y)}" r="9" fill="${STYLE.accent}"/>`,
    ),
  ];
}
