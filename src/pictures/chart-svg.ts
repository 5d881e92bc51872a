import type { Chart } from '../engine/types';
import { NETWORK_SIZE, networkSvg } from './network-svg';
import { progressSize, progressSvg } from './progress-svg';

/** The SVG of a chart. */
export function chartSvg(chart: Chart): string {
  return chart.kind === 'network' ? networkSvg(chart) : progressSvg(chart);
}

/** The size in pixels a chart is drawn at. */
export function chartSize(chart: Chart): { width: number; height: number } {
  return chart.kind === 'network' ? NETWORK_SIZE : progressSize(chart);
}
