package io.kombu.reliability;

import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The child-JVM crash on Redis: the killed consumer's messages sit in Kombu's {@code unacked} hash until the visibility
 * timeout passes, then the next consumer's sweep puts them back. The timeout is 3 s here (Kombu's default is one hour),
 * and the test uses its own database (13) so that its short timeout never sweeps other tests' messages.
 *
 * <p>Thread-safety: a JUnit test class.
 */
@RequiresBroker("redis")
@DisplayName("A consumer JVM killed while holding unacked messages loses none of them (Redis, visibility timeout)")
class RedisConsumerCrashIT {
  @Test
  @DisplayName("SIGKILL of the consumer process: the visibility sweep gives every held message to a new consumer")
  void killedConsumerLosesNothing() throws Exception {
    String url = TestBrokers.url("redis").replaceFirst("/\\d*$", "/13");
    AmqpConsumerCrashIT.killAndRecover(url, "visibility_timeout=3,unacked_restore_throttle=1");
  }
}
