package io.kombu.transport.redis.internal;

import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.KombuException;
import io.kombu.UncategorizedKombuException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one place Jedis exceptions become Kombu exceptions (spec §9): connection problems, authentication and a loading
 * server are recoverable connection errors; command errors are channel errors; Kombu exceptions pass through.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class RedisErrors {
  private RedisErrors() {}

  /**
   * @param e an exception from a Redis call
   * @param what what was being done, e.g. "LPUSH to queue q"
   * @param where the masked broker address
   * @return the Kombu exception to throw
   */
  public static KombuException translate(RuntimeException e, String what, String where) {
    if (e instanceof KombuException) {
      return (KombuException) e;
    }
    if (e instanceof JedisAccessControlException) {
      return new ConnectionException("Redis at " + where + " refused the credentials during " + what + " ("
          + e.getMessage() + "); check the user name and password in the URL", e);
    }
    if (e instanceof JedisConnectionException || e instanceof JedisBusyException) {
      return new ConnectionException("lost the connection to Redis at " + where + " during " + what + " ("
          + e.getMessage() + "); Kombu reconnects on retry (Connection.ensure or a consumer loop)", e);
    }
    if (e instanceof JedisDataException) {
      String msg = String.valueOf(e.getMessage());
      if (msg.startsWith("LOADING")) {
        return new ConnectionException("Redis at " + where + " is loading its data set (" + msg + "); retry", e);
      }
      if (msg.startsWith("NOAUTH") || msg.startsWith("WRONGPASS")) {
        return new ConnectionException("Redis at " + where + " needs valid credentials (" + msg + "); put them in the"
            + " URL: redis://:password@host or redis://user:password@host", e);
      }
      return new ChannelException("Redis at " + where + " rejected " + what + ": " + msg, e);
    }
    if (e instanceof JedisException) {
      return new UncategorizedKombuException("Redis client error during " + what + " at " + where + ": "
          + e.getMessage(), e);
    }
    return new UncategorizedKombuException("unexpected error during " + what + " at " + where + ": " + e, e);
  }

  /** @param e an exception @return whether it means the connection to Redis is (temporarily) gone */
  public static boolean isConnectionError(Throwable e) {
    return e instanceof JedisConnectionException || e instanceof ConnectionException
        || (e instanceof JedisDataException && String.valueOf(e.getMessage()).startsWith("LOADING"));
  }
}
