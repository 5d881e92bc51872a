import { ERROR_CODES, TueroeffnerError } from './errors';
import { redisExposure } from './store/redis-exposure';

/** Telegram settings, present when TELEGRAM_BOT_TOKEN is set. */
export interface TelegramConfig {
  token: string;
  apiRoot?: string;
  /** Webhook mode instead of long polling. */
  webhook?: { url: string; secret: string };
}

/** Slack settings, present when SLACK_BOT_TOKEN is set. */
export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  /** Socket Mode instead of HTTP. */
  appToken?: string;
  apiUrl?: string;
}

/** Where Redis is: one server by URL, or Sentinel, or a Cluster. */
export interface RedisConfig {
  url?: string;
  /** Sentinel: the sentinels' host:port list and the name of the master set. */
  sentinels?: { host: string; port: number }[];
  sentinelName?: string;
  /** Cluster: host:port of some nodes. */
  clusterNodes?: { host: string; port: number }[];
  /** REDIS_ALLOW_INSECURE: accept a Redis beyond this machine without TLS or password (warned at start). */
  allowInsecure?: boolean;
}

/** How replies and received updates are queued (see src/delivery). */
export interface DeliveryConfig {
  /** How long an update being handled or a reply being sent is held before another worker may take it. */
  leaseMs: number;
  /** Multiplies the platforms' retry_after (1; tests and the bench scale long waits down). */
  retryAfterScale: number;
  /** Multiplies the send rates (1: the platforms' limits; the bench raises them against its fake APIs). */
  rateScale: number;
}

/** Türöffner's settings, read from the environment in this one place. */
export interface Config {
  /** The secret of the keyed hashes in Redis key names (REDIS_KEY_SECRET). */
  keySecret?: string;
  delivery: DeliveryConfig;
  /** Unset: state in memory. */
  redis?: RedisConfig;
  /** Time-to-live of every stored key, in seconds. */
  stateTtlSeconds: number;
  port: number;
  telegram?: TelegramConfig;
  slack?: SlackConfig;
  /** The key of the log pseudonyms (PSEUDONYM_KEY); unset: a key generated per run. */
  pseudonymKey?: string;
}

/** A setting is missing or malformed; lists every problem at once. */
export class ConfigError extends TueroeffnerError {
  constructor(readonly problems: string[]) {
    super(
      ERROR_CODES.configInvalid,
      `invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the settings (documented in .env.example), reporting every
 * problem at once, each with a hint. Secrets never appear in the messages.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const redisUrl = get('REDIS_URL');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push(
      'REDIS_URL must start with redis:// or rediss:// (for example redis://127.0.0.1:6379)',
    );
  }
  const ttlDays = numberSetting(get('STATE_TTL_DAYS'), 'STATE_TTL_DAYS', 30, problems, {
    min: 1,
    max: 365,
  });
  const port = numberSetting(get('PORT'), 'PORT', 3000, problems, { min: 1, max: 65535 });
  const redis = redisConfig(get, redisUrl, problems);
  const delivery = deliveryConfig(get, problems);
  const keySecret = get('REDIS_KEY_SECRET');
  if (keySecret && keySecret.length < 16)
    problems.push('REDIS_KEY_SECRET must be at least 16 characters (e.g. `openssl rand -hex 32`)');
  const telegram = telegramConfig(get, problems);
  const slack = slackConfig(get, problems);
  const pseudonymKey = get('PSEUDONYM_KEY');
  if (pseudonymKey && pseudonymKey.length < MIN_PSEUDONYM_KEY_LENGTH)
    problems.push(
      `PSEUDONYM_KEY must be at least ${MIN_PSEUDONYM_KEY_LENGTH} characters (e.g. the output of \`openssl rand -hex 32\`)`,
    );
  if (problems.length) throw new ConfigError(problems);
  return {
    ...(redis ? { redis } : {}),
    ...(keySecret ? { keySecret } : {}),
    delivery,
    stateTtlSeconds: Math.round(ttlDays * 86400),
    port,
    ...(telegram ? { telegram } : {}),
    ...(slack ? { slack } : {}),
    ...(pseudonymKey ? { pseudonymKey } : {}),
  };
}

/** Whether any chat platform is configured (then `npm start` serves instead of chatting). */
export function hasChannels(config: Config): boolean {
  return Boolean(config.telegram || config.slack);
}

/** A short key would let a guessed id be tested against its pseudonym. */
const MIN_PSEUDONYM_KEY_LENGTH = 16;

/** The warning to log at start when an exposed Redis was allowed with REDIS_ALLOW_INSECURE. */
export function redisExposureWarning(config: Config): string | undefined {
  const exposure = config.redis?.url ? redisExposure(config.redis.url) : undefined;
  return exposure && config.redis?.allowInsecure
    ? `${exposure}; accepted because REDIS_ALLOW_INSECURE=true. Use rediss:// and a password (or ACL user) for anything but a private network.`
    : undefined;
}

// === Helpers

function deliveryConfig(
  get: (name: string) => string | undefined,
  problems: string[],
): DeliveryConfig {
  const lease = numberSetting(
    get('DELIVERY_LEASE_SECONDS'),
    'DELIVERY_LEASE_SECONDS',
    15,
    problems,
    {
      min: 1,
      max: 600,
    },
  );
  return {
    leaseMs: lease * 1000,
    retryAfterScale: numberSetting(get('RETRY_AFTER_SCALE'), 'RETRY_AFTER_SCALE', 1, problems, {
      min: 0.001,
      max: 1,
    }),
    rateScale: numberSetting(get('SEND_RATE_SCALE'), 'SEND_RATE_SCALE', 1, problems, {
      min: 0.01,
      max: 1000,
    }),
  };
}

function redisConfig(
  get: (name: string) => string | undefined,
  url: string | undefined,
  problems: string[],
): RedisConfig | undefined {
  const sentinels = hostList(get('REDIS_SENTINELS'), 'REDIS_SENTINELS', problems);
  const sentinelName = get('REDIS_SENTINEL_NAME');
  const clusterNodes = hostList(get('REDIS_CLUSTER_NODES'), 'REDIS_CLUSTER_NODES', problems);
  if (sentinels && !sentinelName)
    problems.push(
      'REDIS_SENTINEL_NAME (the master set, e.g. "mymaster") is required with REDIS_SENTINELS',
    );
  if (sentinels && clusterNodes)
    problems.push('set either REDIS_SENTINELS or REDIS_CLUSTER_NODES, not both');
  if (!url && !sentinels && !clusterNodes) return undefined;
  const allowInsecure = get('REDIS_ALLOW_INSECURE') === 'true';
  const exposure = url ? redisExposure(url) : undefined;
  if (exposure && !allowInsecure)
    problems.push(
      `REDIS_URL: ${exposure}; use rediss:// with a password (or ACL user), or set REDIS_ALLOW_INSECURE=true if this network is private`,
    );
  return {
    ...(url ? { url } : {}),
    ...(sentinels ? { sentinels } : {}),
    ...(sentinelName ? { sentinelName } : {}),
    ...(clusterNodes ? { clusterNodes } : {}),
    ...(allowInsecure ? { allowInsecure } : {}),
  };
}

// "host:port,host:port" → a list; a malformed entry is reported.
function hostList(
  raw: string | undefined,
  name: string,
  problems: string[],
): { host: string; port: number }[] | undefined {
  if (!raw) return undefined;
  const hosts = raw.split(',').map((entry) => {
    const [host, port] = entry.trim().split(':');
    if (!host || !port || !/^\d+$/.test(port))
      problems.push(`${name}: "${entry.trim()}" is not host:port`);
    return { host: host ?? '', port: Number(port) };
  });
  return hosts;
}

function telegramConfig(
  get: (name: string) => string | undefined,
  problems: string[],
): TelegramConfig | undefined {
  const token = get('TELEGRAM_BOT_TOKEN');
  const apiRoot = get('TELEGRAM_API_ROOT');
  const url = get('TELEGRAM_WEBHOOK_URL');
  const secret = get('TELEGRAM_WEBHOOK_SECRET');
  if (!token) {
    if (url || apiRoot)
      problems.push(
        'TELEGRAM_WEBHOOK_URL / TELEGRAM_API_ROOT are set, but TELEGRAM_BOT_TOKEN is missing (from @BotFather)',
      );
    return undefined;
  }
  if (!/^\d+:[\w-]+$/.test(token))
    problems.push(
      'TELEGRAM_BOT_TOKEN does not look like a bot token ("123456:ABC-…" from @BotFather)',
    );
  if (apiRoot && !isHttpUrl(apiRoot))
    problems.push('TELEGRAM_API_ROOT must be an http(s):// address');
  if (url && !isHttpUrl(url))
    problems.push('TELEGRAM_WEBHOOK_URL must be an https:// address Telegram can reach');
  if (url && !secret)
    problems.push(
      'TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL (1–256 characters A–Z, a–z, 0–9, _ and -)',
    );
  if (secret && !/^[\w-]{1,256}$/.test(secret))
    problems.push(
      'TELEGRAM_WEBHOOK_SECRET may only contain A–Z, a–z, 0–9, _ and - (1–256 characters)',
    );
  return {
    token,
    ...(apiRoot ? { apiRoot } : {}),
    ...(url && secret ? { webhook: { url, secret } } : {}),
  };
}

function slackConfig(
  get: (name: string) => string | undefined,
  problems: string[],
): SlackConfig | undefined {
  const botToken = get('SLACK_BOT_TOKEN');
  const signingSecret = get('SLACK_SIGNING_SECRET');
  const appToken = get('SLACK_APP_TOKEN');
  const apiUrl = get('SLACK_API_URL');
  if (!botToken) {
    if (signingSecret || appToken)
      problems.push(
        'SLACK_SIGNING_SECRET / SLACK_APP_TOKEN are set, but SLACK_BOT_TOKEN (xoxb-…) is missing',
      );
    return undefined;
  }
  if (!botToken.startsWith('xoxb-'))
    problems.push('SLACK_BOT_TOKEN must be a bot token starting with xoxb-');
  if (appToken && !appToken.startsWith('xapp-'))
    problems.push('SLACK_APP_TOKEN must be an app-level token starting with xapp- (Socket Mode)');
  if (!appToken && !signingSecret)
    problems.push(
      'SLACK_SIGNING_SECRET is required for Slack over HTTP (Basic Information → Signing Secret), or set SLACK_APP_TOKEN for Socket Mode',
    );
  if (apiUrl && !isHttpUrl(apiUrl)) problems.push('SLACK_API_URL must be an http(s):// address');
  return {
    botToken,
    ...(signingSecret ? { signingSecret } : {}),
    ...(appToken ? { appToken } : {}),
    ...(apiUrl ? { apiUrl } : {}),
  };
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s]+$/.test(value);
}

function numberSetting(
  raw: string | undefined,
  name: string,
  fallback: number,
  problems: string[],
  range: { min: number; max: number },
): number {
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    problems.push(`${name} must be a number from ${range.min} to ${range.max}, not "${raw}"`);
    return fallback;
  }
  return value;
}
