package io.kombu.transport.redis;

import io.kombu.testkit.TestBrokers;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** A raw Jedis client on the test database (never database 0) for inspecting and cleaning up keys. */
final class RedisTestSupport {
  private RedisTestSupport() {}

  static int db() {
    String path = URI.create(TestBrokers.url("redis")).getPath();
    String db = path == null ? "" : path.replace("/", "");
    return db.isEmpty() ? 0 : Integer.parseInt(db);
  }

  static JedisPooled client() {
    URI uri = URI.create(TestBrokers.url("redis"));
    int db = db();
    if (db == 0) {
      throw new IllegalStateException("integration tests refuse to touch Redis database 0; point KOMBU_IT_REDIS_URL at "
          + "another database, e.g. redis://localhost:6379/15");
    }
    return new JedisPooled(new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()),
        DefaultJedisClientConfig.builder().database(db).build());
  }

  /** @return a plain connection as the default user, for ACL and CLIENT commands (which the pooled client lacks) */
  static Jedis admin() {
    URI uri = URI.create(TestBrokers.url("redis"));
    return new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
  }

  static void deleteKeys(JedisPooled redis, String... patterns) {
    Set<String> keys = new HashSet<>();
    for (String pattern : patterns) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> r = redis.scan(cursor, new ScanParams().match(pattern).count(1000));
        keys.addAll(r.getResult());
        cursor = r.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(new String[0]));
    }
  }
}
