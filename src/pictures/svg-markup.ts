import { STYLE } from './chart-style';

/** Text for SVG: the five XML characters escaped, so a label can never break the markup. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => XML_ESCAPES[c] ?? c);
}

const XML_ESCAPES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  '"': '&quot;',
  "'": '&apos;',
};

/** How a text is set: size in pixels, weight, colour, anchor. */
export interface TextStyle {
  size: number;
  weight?: 400 | 700;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  /** A rim of this colour around the letters, so a text stays readable over shapes. */
  halo?: string;
}

/** One line of text at (x, y), in the bundled typeface. */
export function textElement(x: number, y: number, text: string, style: TextStyle): string {
  return (
    `<text x="${round(x)}" y="${round(y)}" font-family="${STYLE.font}" font-size="${style.size}" ` +
    `font-weight="${style.weight ?? 400}" fill="${style.fill ?? STYLE.ink}" ` +
    `text-anchor="${style.anchor ?? 'start'}"` +
    (style.halo
      ? ` stroke="${style.halo}" stroke-width="6" stroke-linejoin="round" paint-order="stroke"`
      : '') +
    `>${escapeXml(text)}</text>`
  );
}

/** A text shortened with "…" to about as many characters as fit in `width` pixels at `size`. */
export function fitted(text: string, width: number, size: number): string {
  // Atkinson Hyperlegible averages about half an em per character (measured on the rendered labels).
  const chars = Math.floor(width / (size * 0.5));
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1)).trimEnd()}…`;
}

/** The whole picture: size, background and the drawn parts. */
export function svgDocument(width: number, height: number, parts: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="${STYLE.background}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** Coordinates at a tenth of a pixel: enough for the eye, short in the file. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
