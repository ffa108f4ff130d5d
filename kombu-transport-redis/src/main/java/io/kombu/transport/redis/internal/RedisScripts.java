package io.kombu.transport.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The Lua scripts that make the Redis transport's multi-step operations atomic, run with {@code EVALSHA} (falling back to
 * {@code EVAL} once when the server has not cached them, e.g. after a restart).
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class RedisScripts {
  /**
   * Pops at most one message from the first non-empty key (keys in BRPOP order) and, when that key's ack flag is 1,
   * records it as unacked in the same step: {@code ZADD unacked_index now tag} and {@code HSET unacked tag [payload,
   * exchange, routing_key]}, the entry written byte for byte as Kombu's {@code json.dumps} would (ASCII names).
   * KEYS = list keys..., unacked, unacked_index; ARGV = now, ack flag per list key. Returns {key index, payload} or nil.
   */
  static final RedisScripts.Script POP = new Script("""
      local n = #KEYS - 2
      local hash, index, now = KEYS[n + 1], KEYS[n + 2], ARGV[1]
      local function jstr(s)
        if type(s) ~= 'string' then return '""' end
        return (string.gsub(cjson.encode(s), '\\\\/', '/'))
      end
      for i = 1, n do
        local item = redis.call('RPOP', KEYS[i])
        if item then
          if ARGV[i + 1] == '1' then
            local ok, msg = pcall(cjson.decode, item)
            if ok and type(msg) == 'table' and type(msg.properties) == 'table'
                and type(msg.properties.delivery_tag) == 'string' then
              local info = msg.properties.delivery_info
              local ex, rk = '', ''
              if type(info) == 'table' then ex = info.exchange; rk = info.routing_key end
              local tag = msg.properties.delivery_tag
              redis.call('ZADD', index, now, tag)
              redis.call('HSET', hash, tag, '[' .. item .. ', ' .. jstr(ex) .. ', ' .. jstr(rk) .. ']')
            end
          end
          return {i, item}
        end
      end
      return false
      """);

  /**
   * Settles the acknowledged tags it is given, then pops up to {@code max} messages of one queue (its bucket keys in
   * BRPOP order) and, when the ack flag is 1, records each as unacked exactly as {@link #POP} does: one round trip for a
   * whole prefetch batch and the acks that preceded it. KEYS = bucket keys..., unacked, unacked_index; ARGV = now, max,
   * ack flag, tags to settle... Returns the payloads popped, oldest first (possibly none).
   */
  static final Script POP_BATCH = new Script("""
      local n = #KEYS - 2
      local hash, index, now, max = KEYS[n + 1], KEYS[n + 2], ARGV[1], tonumber(ARGV[2])
      local record = ARGV[3] == '1'
      for j = 4, #ARGV do
        redis.call('ZREM', index, ARGV[j])
        redis.call('HDEL', hash, ARGV[j])
      end
      local function jstr(s)
        if type(s) ~= 'string' then return '""' end
        return (string.gsub(cjson.encode(s), '\\\\/', '/'))
      end
      local out = {}
      for i = 1, n do
        while #out < max do
          local item = redis.call('RPOP', KEYS[i])
          if not item then break end
          if record then
            local ok, msg = pcall(cjson.decode, item)
            if ok and type(msg) == 'table' and type(msg.properties) == 'table'
                and type(msg.properties.delivery_tag) == 'string' then
              local info = msg.properties.delivery_info
              local ex, rk = '', ''
              if type(info) == 'table' then ex = info.exchange; rk = info.routing_key end
              local tag = msg.properties.delivery_tag
              redis.call('ZADD', index, now, tag)
              redis.call('HSET', hash, tag, '[' .. item .. ', ' .. jstr(ex) .. ', ' .. jstr(rk) .. ']')
            end
          end
          out[#out + 1] = item
        end
        if #out >= max then break end
      end
      return out
      """);

  /** Settles many tags. KEYS = unacked, unacked_index; ARGV = tags... */
  static final Script ACK_MANY = new Script("""
      for i = 1, #ARGV do
        redis.call('ZREM', KEYS[2], ARGV[i])
        redis.call('HDEL', KEYS[1], ARGV[i])
      end
      return #ARGV
      """);

  /** Records one unacked entry. KEYS = unacked, unacked_index; ARGV = tag, entry, now. */
  static final Script RECORD = new Script("""
      redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
      redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
      return 1
      """);

  /** Settles one tag. KEYS = unacked, unacked_index; ARGV = tag. */
  static final Script ACK = new Script("""
      redis.call('ZREM', KEYS[2], ARGV[1])
      return redis.call('HDEL', KEYS[1], ARGV[1])
      """);

  /**
   * Puts a message back and forgets its unacked entry in one step. KEYS = unacked, unacked_index, list keys...; ARGV =
   * tag, payload, 'L' (LPUSH: back of the queue) or 'R' (RPUSH: front).
   */
  static final Script PUT_BACK = new Script("""
      redis.call('ZREM', KEYS[2], ARGV[1])
      redis.call('HDEL', KEYS[1], ARGV[1])
      local cmd = 'RPUSH'
      if ARGV[3] == 'L' then cmd = 'LPUSH' end
      for i = 3, #KEYS do redis.call(cmd, KEYS[i], ARGV[2]) end
      return 1
      """);

  /**
   * Kombu's restore-by-tag without WATCH: only if the entry is still the one read, delete it and RPUSH the restored
   * payload to every target. KEYS = unacked, unacked_index, targets...; ARGV = tag, expected entry, payload.
   */
  static final Script RESTORE_TAG = new Script("""
      if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
      redis.call('ZREM', KEYS[2], ARGV[1])
      redis.call('HDEL', KEYS[1], ARGV[1])
      for i = 3, #KEYS do redis.call('RPUSH', KEYS[i], ARGV[3]) end
      return 1
      """);

  /** Kombu's lock release: delete the mutex only if we still own it. KEYS = mutex; ARGV = token. */
  static final Script RELEASE_MUTEX = new Script("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """);

  /** Purges a queue: KEYS = bucket keys. Returns the number of messages removed. */
  static final Script PURGE = new Script("""
      local total = 0
      for i = 1, #KEYS do
        total = total + redis.call('LLEN', KEYS[i])
        redis.call('DEL', KEYS[i])
      end
      return total
      """);

  /** Extends leases: {@code ZADD XX} each tag with score now. KEYS = unacked_index; ARGV = now, tags... */
  static final Script EXTEND = new Script("""
      local n = 0
      for i = 2, #ARGV do n = n + redis.call('ZADD', KEYS[1], 'XX', 'CH', ARGV[1], ARGV[i]) end
      return n
      """);

  private RedisScripts() {}

  /** One script and its SHA-1. */
  static final class Script {
    private final String text;
    private final String sha;

    Script(String text) {
      this.text = text;
      try {
        this.sha = HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JVM lacks SHA-1, which every Java platform must provide", e);
      }
    }

    Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
      try {
        return jedis.evalsha(sha, keys, args);
      } catch (JedisNoScriptException e) {
        return jedis.eval(text, keys, args);
      }
    }

    String text() {
      return text;
    }
  }
}
