package io.kombu.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Connection;
import io.kombu.ConnectionException;
import io.kombu.CredentialProvider;
import io.kombu.Credentials;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.RetryPolicy;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ClientKillParams;

/**
 * {@code credential_provider} against the real Redis: each test creates its own ACL user ({@code kombu-it-<random>})
 * and deletes it afterwards; the provider replaces the URL's credentials and is asked on every new connection.
 */
@RequiresBroker("redis")
@DisplayName("Redis credential_provider")
class RedisCredentialProviderIT {
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final String user = "kombu-it-" + suffix;
  private final String queue = "credentials-" + suffix;
  private JedisPooled redis;

  /** Hands out whatever it currently holds, and counts how often it was asked. */
  private static final class RotatingProvider implements CredentialProvider {
    final AtomicReference<Credentials> current;
    final AtomicInteger calls = new AtomicInteger();

    RotatingProvider(Credentials initial) {
      current = new AtomicReference<>(initial);
    }

    @Override
    public Credentials credentials() {
      calls.incrementAndGet();
      return current.get();
    }
  }

  @BeforeEach
  void createUser() {
    redis = RedisTestSupport.client();
    try (Jedis admin = RedisTestSupport.admin()) {
      admin.aclSetUser(user, "reset", "on", ">first-Secret-" + suffix, "~*", "&*", "+@all");
    }
  }

  @AfterEach
  void deleteUser() {
    try (Jedis admin = RedisTestSupport.admin()) {
      admin.aclDelUser(user);
    }
    RedisTestSupport.deleteKeys(redis, queue + "*");
    redis.close();
  }

  private Connection connect(CredentialProvider provider) {
    return Kombu.connect(TestBrokers.url("redis"), TransportOptions.of(Map.of("credential_provider", provider)));
  }

  private Object publishAndGet(Connection conn, Object body) {
    conn.producer().publish(body, PublishOptions.routingKey(queue));
    Optional<Message> m = conn.defaultChannel().get(queue, false, null);
    assertThat(m).isPresent();
    m.get().ack();
    return m.get().decode();
  }

  private boolean connectedAs(String name) {
    try (Jedis admin = RedisTestSupport.admin()) {
      return admin.clientList().lines().anyMatch(line -> line.contains(" user=" + name + " "));
    }
  }


  @Test
  @DisplayName("connects as the provider's ACL user, publishes and consumes")
  void connectsAsTheProvidersUser() {
    RotatingProvider provider = new RotatingProvider(new Credentials(user, "first-Secret-" + suffix));
    try (Connection conn = connect(provider)) {
      conn.defaultChannel().declare(Queue.of(queue));
      assertThat(publishAndGet(conn, Map.of("n", 1))).isEqualTo(Map.of("n", 1));
      assertThat(connectedAs(user)).as("CLIENT LIST shows a connection authenticated as " + user).isTrue();
      assertThat(provider.calls.get()).isPositive();
    }
  }

  @Test
  @DisplayName("a rotated password is picked up when the connections are killed and the next operation reconnects")
  void rotatedPasswordIsUsedOnReconnect() {
    RotatingProvider provider = new RotatingProvider(new Credentials(user, "first-Secret-" + suffix));
    try (Connection conn = connect(provider)) {
      conn.defaultChannel().declare(Queue.of(queue));
      assertThat(publishAndGet(conn, "before")).isEqualTo("before");
      int callsBefore = provider.calls.get();

      try (Jedis admin = RedisTestSupport.admin()) {
        admin.aclSetUser(user, "resetpass", ">second-Secret-" + suffix);
        provider.current.set(new Credentials(user, "second-Secret-" + suffix));
        admin.clientKill(ClientKillParams.clientKillParams().user(user));
      }
      assertThat(connectedAs(user)).isFalse();

      RetryPolicy quick = RetryPolicy.builder().maxRetries(3).intervalStart(Duration.ZERO)
          .intervalStep(Duration.ZERO).intervalMax(Duration.ZERO).build();
      Object after = conn.ensure(channel -> {
        conn.producer().publish("after", PublishOptions.routingKey(queue));
        Optional<Message> m = channel.get(queue, false, null);
        m.orElseThrow().ack();
        return m.get().decode();
      }, quick);
      assertThat(after).isEqualTo("after");
      assertThat(provider.calls.get()).as("the provider was asked again for the new connections")
          .isGreaterThan(callsBefore);
      assertThat(connectedAs(user)).as("reconnected with the second password").isTrue();
    }
  }

  @Test
  @DisplayName("a wrong password fails with a clear authentication error that does not contain the password")
  void wrongPasswordIsAClearError() {
    String wrong = "wrong-Secret-" + suffix;
    RotatingProvider provider = new RotatingProvider(new Credentials(user, wrong));
    try (Connection conn = connect(provider)) {
      assertThatThrownBy(() -> conn.defaultChannel().declare(Queue.of(queue)))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("refused the credentials")
          .hasMessageContaining("credential_provider")
          .satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause()).doesNotContain(wrong));
    }
  }

  @Test
  @DisplayName("a provider that throws fails the connection with its class name, not its message")
  void throwingProviderIsAConnectionError() {
    CredentialProvider broken = () -> {
      throw new IllegalStateException("vault unreachable, token=leaky-" + suffix);
    };
    try (Connection conn = connect(broken)) {
      assertThatThrownBy(() -> conn.defaultChannel().declare(Queue.of(queue)))
          .isInstanceOf(ConnectionException.class)
          .hasMessageContaining("credential_provider")
          .hasMessageContaining("IllegalStateException")
          .hasMessageNotContaining("leaky-");
    }
  }
}
