package io.kombu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportCapabilities;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * equals/hashCode contracts of every value class of kombu-api, checked by EqualsVerifier. Fields are suppressed from the
 * null check ({@link Warning#NULL_FIELDS}) where the builder makes them non-null: those classes can never hold a null there.
 */
@DisplayName("kombu-api value classes")
class ValueEqualityTest {
  private static final Exchange RED_EXCHANGE = Exchange.of("red");
  private static final Exchange BLUE_EXCHANGE = Exchange.topic("blue").build();
  private static final Queue RED_QUEUE = Queue.of("red");
  private static final Queue BLUE_QUEUE = Queue.of("blue", BLUE_EXCHANGE, "a.#");

  @Test
  @DisplayName("Exchange has value equality over all its fields")
  void exchange() {
    EqualsVerifier.forClass(Exchange.class)
        .suppress(Warning.NULL_FIELDS)
        .withPrefabValues(Exchange.class, RED_EXCHANGE, BLUE_EXCHANGE)
        .verify();
  }

  @Test
  @DisplayName("ExchangeType is equal by name")
  void exchangeType() {
    EqualsVerifier.forClass(ExchangeType.class).suppress(Warning.NULL_FIELDS).verify();
  }

  @Test
  @DisplayName("Queue has value equality over all its fields")
  void queue() {
    EqualsVerifier.forClass(Queue.class)
        .suppress(Warning.NULL_FIELDS)
        .withPrefabValues(Exchange.class, RED_EXCHANGE, BLUE_EXCHANGE)
        .withPrefabValues(Queue.class, RED_QUEUE, BLUE_QUEUE)
        .verify();
  }

  @Test
  @DisplayName("Binding has value equality over all its fields")
  void binding() {
    EqualsVerifier.forClass(Binding.class)
        .suppress(Warning.NULL_FIELDS)
        .withPrefabValues(Exchange.class, RED_EXCHANGE, BLUE_EXCHANGE)
        .verify();
  }

  @Test
  @DisplayName("PublishOptions has value equality over all its fields")
  void publishOptions() {
    EqualsVerifier.forClass(PublishOptions.class)
        .suppress(Warning.NULL_FIELDS)
        .withPrefabValues(Exchange.class, RED_EXCHANGE, BLUE_EXCHANGE)
        .withPrefabValues(Queue.class, RED_QUEUE, BLUE_QUEUE)
        .withPrefabValues(Declarable.class, RED_EXCHANGE, BLUE_QUEUE)
        .withPrefabValues(PublishOptions.class, PublishOptions.defaults(), PublishOptions.routingKey("x"))
        .verify();
  }

  @Test
  @DisplayName("ProducerOptions has value equality over all its fields")
  void producerOptions() {
    EqualsVerifier.forClass(ProducerOptions.class)
        .suppress(Warning.NULL_FIELDS)
        .withPrefabValues(Exchange.class, RED_EXCHANGE, BLUE_EXCHANGE)
        .withPrefabValues(ProducerOptions.class, ProducerOptions.defaults(),
            ProducerOptions.builder().routingKey("x").build())
        .verify();
  }

  @Test
  @DisplayName("ConsumerOptions has value equality over all its fields")
  void consumerOptions() {
    EqualsVerifier.forClass(ConsumerOptions.class)
        .suppress(Warning.NULL_FIELDS)
        .withPrefabValues(Exchange.class, RED_EXCHANGE, BLUE_EXCHANGE)
        .withPrefabValues(Queue.class, RED_QUEUE, BLUE_QUEUE)
        .verify();
  }

  @Test
  @DisplayName("RetryPolicy has value equality over all its fields")
  void retryPolicy() {
    EqualsVerifier.forClass(RetryPolicy.class)
        .suppress(Warning.NULL_FIELDS)
        .withPrefabValues(RetryPolicy.class, RetryPolicy.CONNECTION_DEFAULTS, RetryPolicy.ENSURE_DEFAULTS)
        .verify();
  }

  @Test
  @DisplayName("TransportOptions is equal by its option map")
  void transportOptions() {
    EqualsVerifier.forClass(TransportOptions.class)
        .suppress(Warning.NULL_FIELDS)
        .withPrefabValues(TransportOptions.class, TransportOptions.defaults(), TransportOptions.of(java.util.Map.of("a", 1)))
        .verify();
  }

  @Test
  @DisplayName("BrokerUrl has value equality over all its fields, password included")
  void brokerUrl() {
    EqualsVerifier.forClass(BrokerUrl.class).suppress(Warning.NULL_FIELDS).verify();
  }

  @Test
  @DisplayName("TransportCapabilities has value equality over all its fields")
  void transportCapabilities() {
    EqualsVerifier.forClass(TransportCapabilities.class).suppress(Warning.NULL_FIELDS).verify();
  }

  @Test
  @DisplayName("Credentials have value equality; a null password is refused")
  void credentials() {
    EqualsVerifier.forClass(Credentials.class).suppress(Warning.NULL_FIELDS).verify();
    assertThat(Credentials.passwordOnly("pw")).isEqualTo(new Credentials(null, "pw"));
    assertThatNullPointerException().isThrownBy(() -> new Credentials("user", null)).withMessage("password");
  }

  @Test
  @DisplayName("Credentials print the user name but never the password")
  void credentialsMaskThePassword() {
    assertThat(new Credentials("app", "s3cret-value")).hasToString("Credentials[username=app, password=**]");
    assertThat(Credentials.passwordOnly("s3cret-value").toString()).doesNotContain("s3cret");
  }

  @Test
  @DisplayName("equal declarations built the same way are interchangeable as map keys")
  void buildersProduceEqualValues() {
    Queue a = Queue.builder("q").exchange(BLUE_EXCHANGE).routingKey("a.#").maxPriority(9).build();
    Queue b = a.toBuilder().build();
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.toBuilder().maxPriority(5).build()).isNotEqualTo(a);
    assertThat(BLUE_EXCHANGE.toBuilder().build()).isEqualTo(BLUE_EXCHANGE);
    assertThat(PublishOptions.routingKey("k").toBuilder().build()).isEqualTo(PublishOptions.routingKey("k"));
  }
}
