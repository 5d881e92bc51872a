import type { Rates } from './lanes';

/**
 * The platforms' send limits (Telegram's Bot FAQ: about 1 message per second
 * per chat with short bursts, 30 per second per bot; Slack: about 1 per second
 * per channel), times `scale` (1 in production).
 */
export function platformRates(scale = 1): Rates {
  const lane = { intervalMs: Math.max(1, Math.round(1000 / scale)), burst: 3 };
  return {
    telegram: { perSecond: Math.max(1, Math.round(30 * scale)), lane },
    slack: { perSecond: Math.max(1, Math.round(20 * scale)), lane },
  };
}
