/**
 * Türöffner's visual style, one place for every picture: the deep teal of its
 * Slack app (slack/manifest.yml), a warm coral for what the user achieved, a
 * paper-white background, and Atkinson Hyperlegible, a typeface made for
 * readers with low vision (bundled, see png-renderer.ts).
 */
export const STYLE = {
  font: 'Atkinson Hyperlegible',
  background: '#fbf7f0',
  ink: '#1f2d33',
  muted: '#5d6b70',
  brand: '#1f4e5f',
  accent: '#e07a5f',
  track: '#e6ded2',
  /** One tint per circle of the network, in the order of the inventory. */
  circles: [
    '#e07a5f',
    '#f2a65a',
    '#81b29a',
    '#3d8fa8',
    '#9a8fd0',
    '#d98bb0',
    '#6fb7b7',
    '#c9a227',
    '#5e81ac',
    '#a3b86c',
  ],
} as const;
