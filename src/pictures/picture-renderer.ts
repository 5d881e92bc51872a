import type { ResvgRenderOptions } from '@resvg/resvg-js';
import type { Chart } from '../engine/types';
import { chartSvg } from './chart-svg';
import { STYLE } from './chart-style';

/**
 * The font files bundled with the package (SIL Open Font License, from
 * @expo-google-fonts/atkinson-hyperlegible): loaded explicitly, system fonts
 * never, so a picture looks the same on a slim container as on a laptop.
 */
export const FONT_FILES = [
  require.resolve(
    '@expo-google-fonts/atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf',
  ),
  require.resolve(
    '@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf',
  ),
];

/** How resvg renders: the bundled fonts only, at the SVG's own size. */
export const RENDER_OPTIONS: ResvgRenderOptions = {
  font: {
    loadSystemFonts: false,
    fontFiles: FONT_FILES,
    defaultFontFamily: STYLE.font,
    sansSerifFamily: STYLE.font,
  },
  fitTo: { mode: 'original' },
};

/** A rendered picture, ready to upload. */
export interface RenderedPicture {
  png: Buffer;
  width: number;
  height: number;
  /** A file name for the upload ("network.png"). */
  filename: string;
}

/**
 * Renders the engine's charts at the edge: SVG (chart-svg.ts) to PNG with
 * resvg, whose native binary ships inside its npm package — no browser, no
 * system fonts. Rendering runs on libuv's thread pool, off the event loop.
 */
export class PictureRenderer {
  async render(chart: Chart): Promise<RenderedPicture> {
    // Loaded on the first picture: a process that never draws one never loads the native binary.
    const { renderAsync } = await import('@resvg/resvg-js');
    const image = await renderAsync(chartSvg(chart), RENDER_OPTIONS);
    return {
      png: image.asPng(),
      width: image.width,
      height: image.height,
      filename: `${chart.kind}.png`,
    };
  }
}
