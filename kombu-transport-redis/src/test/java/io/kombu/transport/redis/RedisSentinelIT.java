package io.kombu.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Connection;
import io.kombu.ConnectionException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * {@code sentinel://} against a real Redis Sentinel that the test starts itself (the {@code redis-sentinel} binary, or
 * {@code redis-server --sentinel}) with a temporary configuration watching the test Redis as master {@code kombu-it}, and
 * stops at the end. Skipped only when neither binary can run.
 */
@RequiresBroker("redis")
@DisplayName("Redis through Sentinel")
class RedisSentinelIT {
  private static final String MASTER = "kombu-it";

  private final String queue = "sentinel-" + UUID.randomUUID().toString().substring(0, 8);
  private @Nullable Process sentinel;
  private @Nullable Path dir;
  private int port;
  private JedisPooled redis;

  @BeforeEach
  void startSentinel() throws Exception {
    redis = RedisTestSupport.client();
    URI master = URI.create(TestBrokers.url("redis"));
    String masterHost = master.getHost() == null || master.getHost().equals("localhost") ? "127.0.0.1"
        : master.getHost();
    int masterPort = master.getPort() < 0 ? 6379 : master.getPort();
    port = freePort();
    dir = Files.createTempDirectory("kombu-sentinel");
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(conf, String.join("\n",
        "port " + port,
        "bind 127.0.0.1",
        "daemonize no",
        "dir " + dir,
        "sentinel monitor " + MASTER + " " + masterHost + " " + masterPort + " 1",
        "sentinel down-after-milliseconds " + MASTER + " 60000",
        ""), StandardCharsets.UTF_8);
    for (List<String> command : List.of(List.of("redis-sentinel", conf.toString()),
        List.of("redis-server", conf.toString(), "--sentinel"))) {
      Process p = start(command);
      if (p != null && awaitMaster(p)) {
        sentinel = p;
        return;
      }
      stop(p);
    }
    String why = "neither redis-sentinel nor redis-server --sentinel could run here; install the Debian package "
        + "redis-sentinel (or redis-server) to run this test";
    if (io.kombu.testkit.TestBrokers.required()) {
      throw new AssertionError(why + " (KOMBU_IT_REQUIRED=true, so this fails instead of skipping)");
    }
    org.junit.jupiter.api.Assumptions.abort(why);
  }

  @AfterEach
  void stopSentinel() throws IOException {
    stop(sentinel);
    sentinel = null;
    if (dir != null) {
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
    RedisTestSupport.deleteKeys(redis, queue + "*");
    redis.close();
  }

  private @Nullable Process start(List<String> command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("sentinel.log").toFile()).start();
    } catch (IOException e) {
      return null;
    }
  }

  /** Polls (bounded) until the sentinel answers and knows the master, or the process died. */
  private boolean awaitMaster(Process p) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Jedis j = new Jedis("127.0.0.1", port, 500)) {
        List<String> addr = j.sentinelGetMasterAddrByName(MASTER);
        if (addr != null && addr.size() == 2) {
          return true;
        }
      } catch (RuntimeException notYet) {
        // the sentinel is still starting: poll again until the deadline
      }
      Thread.onSpinWait();
    }
    return false;
  }

  private static void stop(@Nullable Process p) {
    if (p == null) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  @Test
  @DisplayName("sentinel:// with master_name finds the master, publishes and consumes through it")
  void publishAndConsumeThroughSentinel() {
    int db = RedisTestSupport.db();
    TransportOptions options = TransportOptions.of(Map.of("master_name", MASTER));
    try (Connection conn = Kombu.connect("sentinel://127.0.0.1:" + port + "/" + db, options)) {
      conn.defaultChannel().declare(Queue.of(queue));
      conn.producer().publish(Map.of("via", "sentinel"), PublishOptions.routingKey(queue));
      conn.producer().publishAll(List.of(1, 2), PublishOptions.routingKey(queue));
      assertThat(redis.llen(queue)).as("the messages landed on the master the sentinel named").isEqualTo(3);
      List<Object> bodies = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Optional<Message> m = conn.defaultChannel().get(queue, false, null);
        assertThat(m).isPresent();
        bodies.add(m.get().decode());
        m.get().ack();
      }
      assertThat(bodies).containsExactly(Map.of("via", "sentinel"), 1, 2);
    }
    assertThat(redis.llen(queue)).isZero();
    assertThat(redis.hlen("unacked")).isZero();
  }
  @Test
  @DisplayName("min_other_sentinels=0 accepts the master of a lone sentinel")
  void minOtherSentinelsZeroResolves() {
    TransportOptions options = TransportOptions.of(Map.of("master_name", MASTER, "min_other_sentinels", 0));
    try (Connection conn = Kombu.connect("sentinel://127.0.0.1:" + port + "/" + RedisTestSupport.db(), options)) {
      conn.defaultChannel().declare(Queue.of(queue));
      conn.producer().publish("counted", PublishOptions.routingKey(queue));
      assertThat(redis.llen(queue)).isEqualTo(1);
    }
  }

  @Test
  @DisplayName("min_other_sentinels=1 with a single sentinel fails with redis-py's \"No master found\" error")
  void minOtherSentinelsOneFailsWithOneSentinel() {
    TransportOptions options = TransportOptions.of(Map.of("master_name", MASTER, "min_other_sentinels", 1));
    try (Connection conn = Kombu.connect("sentinel://127.0.0.1:" + port + "/" + RedisTestSupport.db(), options)) {
      assertThatThrownBy(() -> conn.defaultChannel().declare(Queue.of(queue)))
          .isInstanceOf(ConnectionException.class)
          .hasMessageStartingWith("No master found for '" + MASTER + "'")
          .hasMessageContaining("sees 0 other sentinel(s), fewer than min_other_sentinels=1");
    }
  }

  @Test
  @DisplayName("an unknown master name fails with the same clear error")
  void unknownMasterName() {
    TransportOptions options = TransportOptions.of(Map.of("master_name", "no-such-master"));
    try (Connection conn = Kombu.connect("sentinel://127.0.0.1:" + port + "/" + RedisTestSupport.db(), options)) {
      assertThatThrownBy(() -> conn.defaultChannel().declare(Queue.of(queue)))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("No master found for 'no-such-master'")
          .hasMessageContaining("does not monitor a master of that name");
    }
  }

  @Test
  @DisplayName("the URL's credentials go to the master only: a password-less sentinel still answers, as with redis-py")
  void credentialsGoToTheMasterOnly() {
    String user = "kombu-it-sentinel-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "Sentinel-Secret-" + UUID.randomUUID();
    try (Jedis admin = RedisTestSupport.admin()) {
      admin.aclSetUser(user, "reset", "on", ">" + password, "~*", "&*", "+@all");
      try (Connection conn = Kombu.connect("sentinel://" + user + ":" + password + "@127.0.0.1:" + port + "/"
          + RedisTestSupport.db(), TransportOptions.of(Map.of("master_name", MASTER)))) {
        conn.defaultChannel().declare(Queue.of(queue));
        conn.producer().publish("authenticated", PublishOptions.routingKey(queue));
        assertThat(redis.llen(queue)).isEqualTo(1);
        assertThat(admin.clientList()).as("the master connection authenticated as the URL's user")
            .contains("user=" + user);
      } finally {
        admin.aclDelUser(user);
      }
    }
  }
}
