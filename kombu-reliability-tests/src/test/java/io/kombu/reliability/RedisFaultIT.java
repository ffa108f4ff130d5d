package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * A Redis fault in the middle of a stream: {@code CLIENT KILL} of every connection the test has open (the producer's,
 * the consumer loop's, the fanout subscriber's), found as the clients on the test's own database 13, so that no other
 * suite's connection is touched. Redis is not restarted: the local server keeps no data across restarts (see README).
 *
 * <p>Thread-safety: a JUnit test class.
 */
@RequiresBroker("redis")
@DisplayName("Redis connections killed mid-stream lose no published message")
class RedisFaultIT {
  private static final String DB = "13";

  @Test
  @DisplayName("CLIENT KILL of the producer's and the loop's connections")
  void clientKill() throws Exception {
    String url = TestBrokers.url("redis").replaceFirst("/\\d*$", "/" + DB);
    Map<String, Object> options = Map.of("visibility_timeout", "5", "unacked_restore_throttle", "1");
    FaultStream.run("client_kill", url, options, options, () -> assertThat(killClientsOnDatabase(url)).isPositive(),
        FaultStream.Recovery.LOOP_OR_TRANSPORT);
  }

  /** @return how many clients selected to the test's database were killed */
  private static int killClientsOnDatabase(String url) {
    URI uri = URI.create(url);
    try (Jedis admin = new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
      List<String> ids = admin.clientList().lines()
          .filter(line -> line.contains(" db=" + DB + " "))
          .map(line -> line.substring("id=".length(), line.indexOf(' ')))
          .toList();
      for (String id : ids) {
        admin.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id);
      }
      return ids.size();
    }
  }
}
