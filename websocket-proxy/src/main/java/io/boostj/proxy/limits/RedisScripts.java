package io.boostj.proxy.limits;

/**
 * The Lua scripts of the Redis limiter. Each runs atomically in Redis, so checking a shared limit and counting the
 * new connection cannot interleave with another instance's (upstream sums with {@code KEYS} and then {@code INCR}s,
 * which lets two instances both pass a limit that has room for one). Key layout, {@code P} the key prefix:
 * <ul>
 *   <li>{@code P:instances}: sorted set, member an instance id, score its last heartbeat (epoch ms).</li>
 *   <li>{@code P:ip:{ip}} and {@code P:app:{app}}: hash, field an instance id, value its connections.</li>
 *   <li>{@code P:instance:{id}:keys}: set of the hashes where that instance has a field, for cleanup.</li>
 * </ul>
 * The scripts touch keys they are not given in {@code KEYS} (the hash fields of other instances, dead instances'
 * sets): fine on a single Redis or a replicated one, not on Redis Cluster.
 */
final class RedisScripts
{
    /**
     * KEYS: instances, ip hash, app hash, own key set. ARGV: instance id, IP limit, app limit, live-since ms,
     * has app (1/0). Returns 0 admitted (and counted), 1 IP full, 2 app full. Only live instances' fields count.
     */
    static final String ACQUIRE =
        "local function live_sum(key)\n" +
        "  local vals = redis.call('HGETALL', key)\n" +
        "  local sum = 0\n" +
        "  for i = 1, #vals, 2 do\n" +
        "    local score = redis.call('ZSCORE', KEYS[1], vals[i])\n" +
        "    if vals[i] == ARGV[1] or (score and tonumber(score) >= tonumber(ARGV[4])) then\n" +
        "      sum = sum + tonumber(vals[i + 1])\n" +
        "    end\n" +
        "  end\n" +
        "  return sum\n" +
        "end\n" +
        "if tonumber(ARGV[2]) > 0 and live_sum(KEYS[2]) >= tonumber(ARGV[2]) then return 1 end\n" +
        "if ARGV[5] == '1' and tonumber(ARGV[3]) > 0 and live_sum(KEYS[3]) >= tonumber(ARGV[3]) then return 2 end\n" +
        "redis.call('HINCRBY', KEYS[2], ARGV[1], 1)\n" +
        "redis.call('SADD', KEYS[4], KEYS[2])\n" +
        "if ARGV[5] == '1' then\n" +
        "  redis.call('HINCRBY', KEYS[3], ARGV[1], 1)\n" +
        "  redis.call('SADD', KEYS[4], KEYS[3])\n" +
        "end\n" +
        "return 0\n";

    /** KEYS: ip hash, app hash. ARGV: instance id, has app (1/0). */
    static final String RELEASE =
        "local function dec(key)\n" +
        "  if redis.call('HINCRBY', key, ARGV[1], -1) <= 0 then redis.call('HDEL', key, ARGV[1]) end\n" +
        "end\n" +
        "dec(KEYS[1])\n" +
        "if ARGV[2] == '1' then dec(KEYS[2]) end\n" +
        "return 0\n";

    /**
     * KEYS: instances, own key set. ARGV: instance id, now ms, dead-before ms, "P:instance:", ":keys", reconcile
     * (1/0), then pairs of hash key and this instance's count there. Refreshes the heartbeat, makes the instance's
     * fields equal its own counts (repairing releases that failed while Redis was away and adding connections
     * admitted locally meanwhile), and deletes the fields of instances whose heartbeat is older than dead-before.
     * Returns how many dead instances it cleaned.
     */
    static final String HEARTBEAT =
        "redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])\n" +
        "if ARGV[6] == '1' then\n" +
        "  local want = {}\n" +
        "  for i = 7, #ARGV, 2 do want[ARGV[i]] = ARGV[i + 1] end\n" +
        "  for _, key in ipairs(redis.call('SMEMBERS', KEYS[2])) do\n" +
        "    if not want[key] then\n" +
        "      redis.call('HDEL', key, ARGV[1])\n" +
        "      redis.call('SREM', KEYS[2], key)\n" +
        "    end\n" +
        "  end\n" +
        "  for i = 7, #ARGV, 2 do\n" +
        "    redis.call('HSET', ARGV[i], ARGV[1], ARGV[i + 1])\n" +
        "    redis.call('SADD', KEYS[2], ARGV[i])\n" +
        "  end\n" +
        "end\n" +
        "local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])\n" +
        "for _, id in ipairs(dead) do\n" +
        "  local set = ARGV[4] .. id .. ARGV[5]\n" +
        "  for _, key in ipairs(redis.call('SMEMBERS', set)) do redis.call('HDEL', key, id) end\n" +
        "  redis.call('DEL', set)\n" +
        "  redis.call('ZREM', KEYS[1], id)\n" +
        "end\n" +
        "return #dead\n";

    private RedisScripts()
    {
    }
}
