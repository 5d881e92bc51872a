import type { NetworkChart } from '../engine/types';
import { STYLE } from './chart-style';
import { fitted, round, svgDocument, textElement } from './svg-markup';

/** The network picture's size in pixels (4:3, large enough for a phone held sideways). */
export const NETWORK_SIZE = { width: 1200, height: 1000 } as const;

const CENTRE = { x: 600, y: 470, r: 62 };
const RING = { rx: 360, ry: 285 };
const RADIUS = { min: 30, max: 80 };

/**
 * The network count as an SVG: the user in the middle, one circle per circle
 * of people around them, its area growing with the count (circles with none
 * or not reached are drawn dashed), and the tally toward 300 as a bar.
 */
export function networkSvg(chart: NetworkChart): string {
  const { width, height } = NETWORK_SIZE;
  const largest = Math.max(1, ...chart.circles.map((c) => c.count ?? 0));
  const step = (2 * Math.PI) / Math.max(1, chart.circles.length);
  const placed = chart.circles.map((circle, i) => {
    const angle = -Math.PI / 2 + i * step;
    const count = circle.count ?? 0;
    const r =
      count > 0 ? RADIUS.min + (RADIUS.max - RADIUS.min) * Math.sqrt(count / largest) : RADIUS.min;
    return {
      ...circle,
      r,
      x: CENTRE.x + RING.rx * Math.cos(angle),
      y: CENTRE.y + RING.ry * Math.sin(angle),
      tint: STYLE.circles[i % STYLE.circles.length] ?? STYLE.accent,
    };
  });
  const links = placed.map(
    (c) =>
      `<line x1="${CENTRE.x}" y1="${CENTRE.y}" x2="${round(c.x)}" y2="${round(c.y)}" stroke="${STYLE.track}" stroke-width="3"/>`,
  );
  const circles = placed.flatMap((c) => {
    const counted = (c.count ?? 0) > 0;
    const shape = counted
      ? `<circle cx="${round(c.x)}" cy="${round(c.y)}" r="${round(c.r)}" fill="${c.tint}" fill-opacity="0.9"/>`
      : `<circle cx="${round(c.x)}" cy="${round(c.y)}" r="${round(c.r)}" fill="${STYLE.background}" stroke="${STYLE.muted}" stroke-width="2" stroke-dasharray="6 6"/>`;
    const size = counted ? Math.round(24 + (c.r - RADIUS.min) / 4) : 24;
    const number = c.count === undefined ? '–' : String(c.count);
    return [
      shape,
      textElement(c.x, c.y + size * 0.35, number, {
        size,
        weight: 700,
        fill: counted ? STYLE.ink : STYLE.muted,
        anchor: 'middle',
      }),
    ];
  });
  // Labels come last, on a halo of the background, so a big neighbouring circle never hides one.
  const labels = placed.map((c) =>
    textElement(c.x, c.y + c.r + 30, fitted(c.label, 250, 24), {
      size: 24,
      fill: c.count === undefined ? STYLE.muted : STYLE.ink,
      anchor: 'middle',
      halo: STYLE.background,
    }),
  );
  const share = Math.min(1, chart.total / Math.max(1, chart.goal));
  const bar = { x: 200, y: 948, width: 800, height: 24 };
  return svgDocument(width, height, [
    textElement(60, 84, chart.title, { size: 48, weight: 700, fill: STYLE.brand }),
    ...links,
    `<circle cx="${CENTRE.x}" cy="${CENTRE.y}" r="${CENTRE.r}" fill="${STYLE.brand}"/>`,
    textElement(CENTRE.x, CENTRE.y + 12, chart.centre, {
      size: 34,
      weight: 700,
      fill: '#ffffff',
      anchor: 'middle',
    }),
    ...circles,
    ...labels,
    textElement(width / 2, 928, chart.tally, {
      size: 40,
      weight: 700,
      fill: STYLE.accent,
      anchor: 'middle',
    }),
    `<rect x="${bar.x}" y="${bar.y}" width="${bar.width}" height="${bar.height}" rx="12" fill="${STYLE.track}"/>`,
    `<rect x="${bar.x}" y="${bar.y}" width="${round(Math.max(bar.height, bar.width * share))}" height="${bar.height}" rx="12" fill="${STYLE.accent}"/>`,
  ]);
}
