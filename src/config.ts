/** Türöffner's settings, read from the environment in this one place. */
export interface Config {
  redisUrl?: string;
  /** Time-to-live of every stored key, in seconds. */
  stateTtlSeconds: number;
  port: number;
}

/** A setting is missing or malformed; lists every problem at once. */
export class ConfigError extends Error {
  readonly code = 'tueroeffner.config_invalid';

  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the settings (documented in .env.example).
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push(
      'REDIS_URL must start with redis:// or rediss:// (for example redis://127.0.0.1:6379)',
    );
  }
  const ttlDays = numberSetting(env, 'STATE_TTL_DAYS', 30, problems, { min: 1, max: 365 });
  const port = numberSetting(env, 'PORT', 3000, problems, { min: 1, max: 65535 });
  if (problems.length) throw new ConfigError(problems);
  return { ...(redisUrl ? { redisUrl } : {}), stateTtlSeconds: Math.round(ttlDays * 86400), port };
}

function numberSetting(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
  range: { min: number; max: number },
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    problems.push(`${name} must be a number from ${range.min} to ${range.max}, not "${raw}"`);
    return fallback;
  }
  return value;
}
