package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.Connection;
import io.kombu.Credentials;
import io.kombu.KombuException;
import io.kombu.Message;
import io.kombu.PublishOptions;
import io.kombu.Queue;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import io.kombu.testkit.RequiresBroker;
import io.kombu.testkit.TestBrokers;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code credential_provider} against the real RabbitMQ: it replaces the URL's credentials on every connect. */
@RequiresBroker("amqp")
@DisplayName("AMQP credential_provider")
class AmqpCredentialProviderIT {
  private final String queue = "credentials-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  @DisplayName("connects with the provider's credentials although the URL's are wrong, publishes and consumes")
  void providerCredentialsAreUsed() {
    AtomicInteger calls = new AtomicInteger();
    String url = TestBrokers.url("amqp").replaceFirst("://[^@/]*@", "://nobody:wrong@");
    TransportOptions options = TransportOptions.of(Map.of("credential_provider",
        (io.kombu.CredentialProvider) () -> {
          calls.incrementAndGet();
          return new Credentials("guest", "guest");
        }));
    try (Connection conn = Kombu.connect(url, options)) {
      conn.defaultChannel().declare(Queue.builder(queue).autoDelete(true).build());
      conn.producer().publish("hello", PublishOptions.routingKey(queue));
      Optional<Message> m = conn.defaultChannel().get(queue, false, null);
      assertThat(m).isPresent();
      assertThat(m.get().decode()).isEqualTo("hello");
      m.get().ack();
      conn.defaultChannel().queueDelete(queue, false, false);
    }
    assertThat(calls.get()).isPositive();
  }

  @Test
  @DisplayName("a wrong password from the provider fails clearly, without the password in the message")
  void wrongPasswordFails() {
    String wrong = "wrong-Secret-" + queue;
    TransportOptions options = TransportOptions.of(Map.of("credential_provider",
        (io.kombu.CredentialProvider) () -> new Credentials("guest", wrong)));
    try (Connection conn = Kombu.connect(TestBrokers.url("amqp"), options)) {
      assertThatThrownBy(() -> conn.defaultChannel().declare(Queue.of(queue)))
          .isInstanceOf(KombuException.class)
          .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(wrong)
              .containsIgnoringCase("refused"));
    }
  }
}
