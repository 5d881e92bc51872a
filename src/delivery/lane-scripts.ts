import { LANE_MEMORY_MS } from './lanes';

/**
 * The Lua scripts of the Redis lanes. Every key of one set of lanes shares
 * one hash tag, so the scripts run atomically (also on a Cluster, in one slot).
 * Times are Redis' own (`TIME`), so instances with different clocks agree.
 */

const NOW = `
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)
`;

// A lane's send tokens now: `burst` when it never sent, refilled one per interval.
const TOKENS = `
local function tokens(buckets, lane, now, interval, burst)
  if interval <= 0 then return burst end
  local stored = redis.call('HGET', buckets, lane)
  if not stored then return burst end
  local t, ts = string.match(stored, '^([^,]+),(.+)$')
  return math.min(burst, tonumber(t) + (now - tonumber(ts)) / interval)
end
`;

// "telegram=30,slack=20" -> { telegram = 30, slack = 20 }; "telegram=1000/3" -> { telegram = {1000, 3} }
const PARSE = `
local function numbers(spec)
  local result = {}
  for name, value in string.gmatch(spec, '([^=,]+)=([^,]+)') do result[name] = value end
  return result
end
local function laneRate(spec, lane)
  local value = numbers(spec)[string.match(lane, '^[^:]*')]
  if not value then return 0, 1 end
  local interval, burst = string.match(value, '^([^/]+)/(.+)$')
  return tonumber(interval), tonumber(burst)
end
`;

/**
 * KEYS: due, urgent, lane, seen, lease, attempts, buckets.
 * ARGV: deadline (Redis ms; 0 none), seen ttl ms (0: no dedupe), urgent 1/0, memory ms, lane name, lane rates, entries…
 * Returns -1 too late (nothing done), 0 duplicate, 1 queued.
 */
export const PUSH_SCRIPT = `${NOW}${TOKENS}${PARSE}
local deadline = tonumber(ARGV[1])
if deadline > 0 and now > deadline then return -1 end
if tonumber(ARGV[2]) > 0 then
  if not redis.call('SET', KEYS[4], '1', 'NX', 'PX', ARGV[2]) then return 0 end
end
local lane = ARGV[5]
local waiting = redis.call('LLEN', KEYS[3])
if ARGV[3] == '1' then
  for i = #ARGV, 7, -1 do redis.call('LPUSH', KEYS[3], ARGV[i]) end
  redis.call('SADD', KEYS[2], lane)
else
  for i = 7, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end
end
if waiting == 0 then
  -- An empty lane may be cooling down after a burst: due once it has a token again.
  local interval, burst = laneRate(ARGV[6], lane)
  local t = tokens(KEYS[7], lane, now, interval, burst)
  local due = now
  if t < 1 then due = now + math.ceil((1 - t) * interval) end
  redis.call('ZADD', KEYS[1], due, lane)
else
  -- A lane with entries keeps its schedule (it may wait for a 429's retry_after).
  redis.call('ZADD', KEYS[1], 'NX', now, lane)
end
for i = 1, 7 do
  if i ~= 4 then redis.call('PEXPIRE', KEYS[i], ARGV[4]) end
end
return 1
`;

/**
 * KEYS: due, urgent, lease, attempts, buckets.
 * ARGV: lease ms, token, platform limits per second, key base, lane rates.
 * Returns {1, lane, entry, attempts, more due 1/0} or {0, ms until something may be due (-1: nothing queued)}.
 */
export const TAKE_SCRIPT = `${NOW}${TOKENS}${PARSE}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 64)
if #due == 0 then
  local next = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  if #next == 0 then return {0, -1} end
  return {0, math.max(1, tonumber(next[2]) - now)}
end
local ordered = due
if redis.call('SCARD', KEYS[2]) > 0 then
  ordered = {}
  local rest = {}
  for _, lane in ipairs(due) do
    if redis.call('SISMEMBER', KEYS[2], lane) == 1 then table.insert(ordered, lane)
    else table.insert(rest, lane) end
  end
  for _, lane in ipairs(rest) do table.insert(ordered, lane) end
end
local limits = numbers(ARGV[3])
local second = math.floor(now / 1000)
local sent = {}
for _, lane in ipairs(ordered) do
  local platform = string.match(lane, '^[^:]*')
  local limit = tonumber(limits[platform])
  local rateKey = ARGV[4] .. ':rate:' .. platform .. ':' .. second
  if limit and sent[platform] == nil then sent[platform] = tonumber(redis.call('GET', rateKey) or '0') end
  if not limit or sent[platform] < limit then
    local head = redis.call('LINDEX', ARGV[4] .. ':lane:' .. lane, 0)
    if head then
      redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), lane)
      redis.call('HSET', KEYS[3], lane, ARGV[2])
      redis.call('PEXPIRE', KEYS[3], ${LANE_MEMORY_MS})
      if limit then
        redis.call('INCR', rateKey)
        redis.call('PEXPIRE', rateKey, 2000)
      end
      local more = 0
      if #due > 1 then more = 1 end
      return {1, lane, head, redis.call('HGET', KEYS[4], lane) or '0', more}
    end
    -- An empty lane: forget it once its bucket is full again, else look again then.
    local interval, burst = laneRate(ARGV[5], lane)
    local t = tokens(KEYS[5], lane, now, interval, burst)
    if t >= burst then
      redis.call('ZREM', KEYS[1], lane)
      redis.call('SREM', KEYS[2], lane)
      redis.call('HDEL', KEYS[5], lane)
      redis.call('HDEL', KEYS[3], lane)
      redis.call('HDEL', KEYS[4], lane)
    else
      redis.call('ZADD', KEYS[1], now + math.ceil((burst - t) * interval), lane)
    end
  end
end
return {0, 1000 - (now % 1000)}
`;

/**
 * KEYS: due, urgent, lease, lane, attempts, buckets.
 * ARGV: lane name, token, entry, lane rates. Returns 0 if the lease was lost, else 1.
 */
export const ACK_SCRIPT = `${NOW}${TOKENS}${PARSE}
local lane = ARGV[1]
if redis.call('HGET', KEYS[3], lane) ~= ARGV[2] then return 0 end
redis.call('LREM', KEYS[4], 1, ARGV[3])
redis.call('HDEL', KEYS[3], lane)
redis.call('HDEL', KEYS[5], lane)
local interval, burst = laneRate(ARGV[4], lane)
local t = burst
if interval > 0 then
  t = tokens(KEYS[6], lane, now, interval, burst) - 1
  redis.call('HSET', KEYS[6], lane, t .. ',' .. now)
  redis.call('PEXPIRE', KEYS[6], ${LANE_MEMORY_MS})
end
if redis.call('LLEN', KEYS[4]) == 0 then
  redis.call('SREM', KEYS[2], lane)
  if t < burst then
    redis.call('ZADD', KEYS[1], now + math.ceil((burst - t) * interval), lane)
  else
    redis.call('ZREM', KEYS[1], lane)
    redis.call('HDEL', KEYS[6], lane)
  end
  return 1
end
local due = now
if t < 1 then due = now + math.ceil((1 - t) * interval) end
redis.call('ZADD', KEYS[1], due, lane)
return 1
`;

/** KEYS: due, lease, attempts. ARGV: lane, token, delay ms. */
export const POSTPONE_SCRIPT = `${NOW}
if redis.call('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[3], ${LANE_MEMORY_MS})
return 1
`;

/** KEYS: due, urgent, lease, lane, attempts. ARGV: lane, token. */
export const DROP_LANE_SCRIPT = `
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[4])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[5], ARGV[1])
return 1
`;

/** KEYS: due. ARGV: key base, owner marker. Removes every entry that carries the marker. */
export const REMOVE_OWNER_SCRIPT = `
local removed = 0
for _, lane in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local key = ARGV[1] .. ':lane:' .. lane
  for _, entry in ipairs(redis.call('LRANGE', key, 0, -1)) do
    if string.find(entry, ARGV[2], 1, true) then
      removed = removed + redis.call('LREM', key, 0, entry)
    end
  end
end
return removed
`;

/** KEYS: due. ARGV: key base. The number of waiting entries. */
export const DEPTH_SCRIPT = `
local depth = 0
for _, lane in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  depth = depth + redis.call('LLEN', ARGV[1] .. ':lane:' .. lane)
end
return depth
`;
