package io.kombu.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BrokerUrl")
class BrokerUrlTest {
  @Test
  @DisplayName("toString masks the password and keeps the rest of the address")
  void masksPassword() {
    BrokerUrl url = BrokerUrl.builder("amqp").userid("guest").password("s3cr3t-pa55").hostname("rabbit").port(5672)
        .virtualHost("orders").build();
    assertThat(url.toString()).isEqualTo("amqp://guest:**@rabbit:5672/orders").doesNotContain("s3cr3t-pa55");
    assertThat(url.password()).isEqualTo("s3cr3t-pa55");
  }

  @Test
  @DisplayName("a password without a user is masked too")
  void passwordOnly() {
    BrokerUrl url = BrokerUrl.builder("redis").password("topsecret").hostname("cache").port(6379).virtualHost("0").build();
    assertThat(url.toString()).isEqualTo("redis://:**@cache:6379/0").doesNotContain("topsecret");
  }

  @Test
  @DisplayName("toString cuts an oversized user, host or virtual host after 200 characters and says how long it was")
  void cutsOversizedParts() {
    String vhost = "v".repeat(10_000);
    BrokerUrl url = BrokerUrl.builder("amqp").userid("u".repeat(5_000)).password("pw").hostname("rabbit")
        .virtualHost(vhost).build();
    assertThat(url.toString()).startsWith("amqp://uuu").endsWith("... (15018 characters)").hasSize(200 + 22)
        .doesNotContain("pw");
    assertThat(BrokerUrl.builder("redis").uriPrefix("redis").hostname("socket://" + "p".repeat(1_000)).build()
        .toString()).endsWith("... (1015 characters)");
    assertThat(url.virtualHost()).isEqualTo(vhost);
  }

  @Test
  @DisplayName("an address without credentials prints none")
  void noCredentials() {
    assertThat(BrokerUrl.builder("memory").build().toString()).isEqualTo("memory:///");
  }

  @Test
  @DisplayName("defaults are Kombu's: connect timeout 5 s, heartbeat off, no TLS")
  void defaults() {
    BrokerUrl url = BrokerUrl.builder("amqp").build();
    assertThat(url.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(url.heartbeat()).isEqualTo(Duration.ZERO);
    assertThat(url.ssl()).isFalse();
    assertThat(url.query()).isEmpty();
    assertThat(url.sslOptions()).isEmpty();
  }

  @Test
  @DisplayName("a port outside 0-65535 is refused")
  void portRange() {
    assertThatThrownBy(() -> BrokerUrl.builder("amqp").port(70000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  @Test
  @DisplayName("toBuilder keeps every value")
  void toBuilder() {
    BrokerUrl url = BrokerUrl.builder("rediss").userid("u").password("p").hostname("h").port(1).virtualHost("2").ssl(true)
        .sslOption("cert_reqs", "required").queryOption("x", "y").heartbeat(Duration.ofSeconds(10)).loginMethod("PLAIN")
        .build();
    assertThat(url.toBuilder().build()).isEqualTo(url);
  }
}
