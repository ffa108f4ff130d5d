package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import io.kombu.ConnectionException;
import io.kombu.CredentialProvider;
import io.kombu.Credentials;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AMQP credential_provider")
class AmqpCredentialsTest {
  private static ConnectionFactory factory(String url, CredentialProvider provider) {
    return AmqpSettings.of(AmqpDefaults.apply(BrokerUrls.parseOne(url)),
        TransportOptions.of(Map.of("credential_provider", provider))).connectionFactory();
  }

  @Test
  @DisplayName("the provider's user name and password replace the URL's on the client")
  void replacesUrlCredentials() {
    ConnectionFactory f = factory("amqp://alice:pw@rabbit//", () -> new Credentials("bob", "rotated"));
    assertThat(f.getUsername()).isEqualTo("bob");
    assertThat(f.getPassword()).isEqualTo("rotated");
  }

  @Test
  @DisplayName("a provider without a user name keeps the URL's user, else guest")
  void passwordOnlyKeepsTheUser() {
    assertThat(factory("amqp://alice:pw@rabbit//", () -> Credentials.passwordOnly("x")).getUsername())
        .isEqualTo("alice");
    assertThat(factory("amqp://rabbit//", () -> Credentials.passwordOnly("x")).getUsername()).isEqualTo("guest");
  }

  @Test
  @DisplayName("one provider call answers the user name and the password that follows it on the same thread")
  void oneCallPerConnect() {
    AtomicInteger calls = new AtomicInteger();
    AmqpCredentials c = new AmqpCredentials(() -> new Credentials("u" + calls.incrementAndGet(), "p" + calls.get()),
        "guest");
    assertThat(c.getUsername()).isEqualTo("u1");
    assertThat(c.getPassword()).isEqualTo("p1");
    assertThat(c.getUsername()).isEqualTo("u2");
    assertThat(c.getPassword()).isEqualTo("p2");
    assertThat(calls).hasValue(2);
  }

  @Test
  @DisplayName("a provider that throws becomes a ConnectionException naming its class, not its message")
  void throwingProvider() {
    AmqpCredentials c = new AmqpCredentials(() -> {
      throw new IllegalStateException("token=leaky");
    }, "guest");
    assertThatThrownBy(c::getUsername).isInstanceOf(ConnectionException.class)
        .hasMessageContaining("credential_provider").hasMessageContaining("IllegalStateException")
        .hasMessageNotContaining("leaky");
  }
}
