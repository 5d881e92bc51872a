/**
 * Why a Redis URL would expose the state of vulnerable users: a host beyond
 * this machine reached without TLS (anyone on the path reads it) or without a
 * password (anyone who reaches the port reads it). Undefined when it is fine.
 * Names the host only, never the URL (which may hold the password).
 */
export function redisExposure(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // malformed URLs are reported by the configuration check
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isLoopback(host)) return undefined;
  const missing = [
    ...(parsed.protocol === 'rediss:' ? [] : ['TLS (rediss://)']),
    ...(parsed.password ? [] : ['a password']),
  ];
  return missing.length
    ? `Redis on ${host} is reached without ${missing.join(' and ')}`
    : undefined;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
