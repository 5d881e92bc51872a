import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { NetworkChart, ProgressChart } from '../../src/engine/types';
import { chartSize, chartSvg } from '../../src/pictures/chart-svg';
import { FONT_FILES, PictureRenderer, RENDER_OPTIONS } from '../../src/pictures/picture-renderer';
import { pngSize } from '../helpers/png';

const NETWORK: NetworkChart = {
  kind: 'network',
  title: 'Ihr Netzwerk',
  centre: 'Sie',
  circles: [
    { label: 'Familie', count: 12 },
    { label: 'Freunde', count: 20 },
    { label: 'Nachbarschaft', count: 0 },
    { label: 'Vereine & Hobbys', count: 10 },
    { label: 'Online' },
  ],
  total: 42,
  goal: 300,
  tally: '42 von 300',
};

const PROGRESS: ProgressChart = {
  kind: 'progress',
  title: 'Ihr Übungsfortschritt',
  rows: [
    { label: 'Bei mir klappt das nicht', last: 2, best: 3, rounds: 2 },
    { label: 'Ich hab Angst vor einem Nein', last: 0.7, best: 1, rounds: 1 },
  ],
  maxScore: 3,
  history: [0.3, 0.7, 1],
  historyLabel: 'Ihre Runden im Verlauf',
  facts: ['Übungstage in Folge: 2', 'Pitch: bestes Ergebnis 4/5 (2 Versuche)'],
};

describe('pictures', () => {
  const renderer = new PictureRenderer();

  it('should draw the network count with the tally, every circle and escaped labels', () => {
    const svg = chartSvg(NETWORK);
    expect(svg).toContain('>42 von 300</text>');
    expect(svg).toContain('>Ihr Netzwerk</text>');
    for (const label of ['Familie', 'Freunde', 'Nachbarschaft', 'Online'])
      expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>Vereine &amp; Hobbys</text>');
    expect(svg).not.toContain('Vereine & Hobbys');
    // Bigger counts, bigger circles: Freunde (20) is drawn larger than Familie (12).
    const radii = [...svg.matchAll(/<circle [^>]*r="([\d.]+)" fill="#/g)].map((m) => Number(m[1]));
    expect(radii.length).toBeGreaterThanOrEqual(3);
    const circle = (count: string) =>
      svg.split(`>${count}</text>`)[0]?.split('<circle').at(-1) ?? '';
    const radius = (count: string) => Number(/r="([\d.]+)"/.exec(circle(count))?.[1]);
    expect(radius('20')).toBeGreaterThan(radius('12'));
    expect(radius('12')).toBeGreaterThan(radius('10'));
  });

  it.each([
    ['network', NETWORK],
    ['progress', PROGRESS],
  ] as const)('should render the %s chart as a valid PNG of its size', async (_, chart) => {
    const picture = await renderer.render(chart);
    expect(pngSize(picture.png)).toEqual(chartSize(chart));
    expect([picture.width, picture.height]).toEqual([
      chartSize(chart).width,
      chartSize(chart).height,
    ]);
    expect(picture.filename).toBe(`${chart.kind}.png`);
    expect(picture.png.length).toBeGreaterThan(10_000);
  });

  it('should grow the progress picture with the objections practised', () => {
    const more = { ...PROGRESS, rows: [...PROGRESS.rows, ...PROGRESS.rows] };
    expect(chartSize(more).height).toBeGreaterThan(chartSize(PROGRESS).height);
    expect(chartSvg(PROGRESS)).toContain('>Pitch: bestes Ergebnis 4/5 (2 Versuche)</text>');
  });

  it('should set text in the bundled font, without any system font', () => {
    for (const file of FONT_FILES) expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(RENDER_OPTIONS.font?.loadSystemFonts).toBe(false);
    // A text alone on white: drawn only if the bundled font was loaded (no font, no pixels).
    const ink = (options: typeof RENDER_OPTIONS) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="45" font-family="Atkinson Hyperlegible" font-size="40">Türöffner</text></svg>`;
      const pixels = new Resvg(svg, options).render().pixels;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
      return painted;
    };
    expect(ink(RENDER_OPTIONS)).toBeGreaterThan(500);
    expect(ink({ font: { loadSystemFonts: false, fontFiles: [] } })).toBe(0);
  });
});
