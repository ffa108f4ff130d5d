package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.core.ConsumerLoop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Redis killed with {@code SIGKILL} and restarted in the middle of a stream ({@link FaultStream}: a producer publishing
 * with a retry policy, a consumer loop acking). The shared Redis on 6379 keeps nothing on disk, so the test runs a
 * {@code redis-server} of its own on a free port with an append-only file synced on every write ({@code --appendonly
 * yes --appendfsync always}): whatever Redis acknowledged before the kill is there after the restart, which starts a
 * new server on the same port and directory after an outage. Every publish that returned must be consumed at least once;
 * the loop must resume by itself; duplicates (acks lost with the dead server, unacked messages restored after the
 * visibility timeout) are counted and printed.
 *
 * <p>Thread-safety: a JUnit test class.
 */
@DisplayName("Redis killed with SIGKILL and restarted mid-stream loses no acknowledged publish")
class RedisKillRestartIT {
  /** How long Redis stays dead: long enough for publishes to retry and the loop to fail at least one reconnect. */
  private static final Duration OUTAGE = Duration.ofSeconds(3);
  private static final int EXIT_ON_SIGKILL = 128 + 9;

  @TempDir Path dir;

  @Test
  @DisplayName("SIGKILL, a 3 s outage, then a restart on the same port and append-only file")
  void sigkillAndRestart() throws Exception {
    int port = BrokerFaults.freePort();
    List<String> args = List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString());
    AtomicReference<ChildRedis> server = new AtomicReference<>(ChildRedis.start(dir, port, args));
    String url = "redis://127.0.0.1:" + port + "/0";
    Map<String, Object> options = Map.of("visibility_timeout", "5", "unacked_restore_throttle", "1");
    try {
      FaultStream.Result result = FaultStream.run("sigkill_restart", url, options, options, () -> {
        String marker = UUID.randomUUID().toString();
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
          jedis.set("rel:kill-marker", marker);
        }
        assertThat(server.get().kill()).as("exit status of redis-server: 128 + SIGKILL").isEqualTo(EXIT_ON_SIGKILL);
        assertThat(BrokerFaults.answers(port)).as("a killed Redis accepts no connection").isFalse();
        LockSupport.parkNanos(OUTAGE.toNanos());
        server.set(ChildRedis.start(dir, port, args));
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
          assertThat(jedis.get("rel:kill-marker")).as("a write acknowledged just before the kill, after the restart")
              .isEqualTo(marker);
        }
      }, FaultStream.Recovery.LOOP_OR_TRANSPORT);
      assertThat(result.lost()).isZero();
      assertThat(result.healthSeen()).as("ConsumerLoop.health() during the %s outage", OUTAGE)
          .containsAnyOf(ConsumerLoop.State.BROKER_UNREACHABLE, ConsumerLoop.State.CONNECTING);
    } finally {
      server.get().close();
    }
  }
}
