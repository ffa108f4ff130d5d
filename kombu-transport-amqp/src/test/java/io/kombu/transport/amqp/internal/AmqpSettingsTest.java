package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import io.kombu.ConfigurationException;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AmqpSettings")
class AmqpSettingsTest {
  private static AmqpSettings settings(String url, Map<String, ?> options) {
    return AmqpSettings.of(AmqpDefaults.apply(BrokerUrls.parseOne(url)), TransportOptions.of(options));
  }

  @Test
  @DisplayName("maps the URL onto the client: host, port, credentials, vhost, heartbeat, connect timeout")
  void connectionFactoryFromUrl() {
    ConnectionFactory f = settings("amqp://alice:pw@rabbit:1234/orders?heartbeat=10&connect_timeout=2.5", Map.of())
        .connectionFactory();
    assertThat(f.getHost()).isEqualTo("rabbit");
    assertThat(f.getPort()).isEqualTo(1234);
    assertThat(f.getUsername()).isEqualTo("alice");
    assertThat(f.getPassword()).isEqualTo("pw");
    assertThat(f.getVirtualHost()).isEqualTo("orders");
    assertThat(f.getRequestedHeartbeat()).isEqualTo(10);
    assertThat(f.getConnectionTimeout()).isEqualTo(2500);
    assertThat(f.isAutomaticRecoveryEnabled()).as("Kombu's ensure reconnects, not the client").isFalse();
    assertThat(f.getClientProperties()).containsEntry("product", "kombu-java").containsKey("capabilities");
  }

  @Test
  @DisplayName("like Kombu, no host or localhost connects to 127.0.0.1; heartbeat 0 means off")
  void localhostAndHeartbeatDefaults() {
    ConnectionFactory f = settings("amqp://", Map.of()).connectionFactory();
    assertThat(f.getHost()).isEqualTo("127.0.0.1");
    assertThat(f.getPort()).isEqualTo(5672);
    assertThat(f.getUsername()).isEqualTo("guest");
    assertThat(f.getVirtualHost()).isEqualTo("/");
    assertThat(f.getRequestedHeartbeat()).isZero();
    assertThat(AmqpSettings.host("LOCALHOST")).isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("with TLS the host name is kept, since the server certificate is checked against it")
  void tlsKeepsTheHostName() {
    assertThat(settings("amqps://localhost//", Map.of()).connectionFactory().getHost()).isEqualTo("localhost");
    assertThat(settings("amqps://", Map.of()).connectionFactory().getHost()).isEqualTo("127.0.0.1");
    assertThat(AmqpSettings.tlsHost("rabbit.example")).isEqualTo("rabbit.example");
  }

  @Test
  @DisplayName("reads confirm_publish, confirm_timeout (seconds) and connection_name, with safe defaults")
  void options() {
    AmqpSettings s = settings("amqp://", Map.of("confirm_publish", "true", "confirm_timeout", 2, "connection_name", "n"));
    assertThat(s.confirmPublish()).isTrue();
    assertThat(s.confirmTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.connectionName()).isEqualTo("n");
    AmqpSettings d = settings("amqp://", Map.of());
    assertThat(d.confirmPublish()).isFalse();
    assertThat(d.confirmTimeout()).isEqualTo(AmqpSettings.DEFAULT_CONFIRM_TIMEOUT);
    assertThat(d.connectionName()).isEqualTo("kombu-java");
  }

  @Test
  @DisplayName("amqps builds a TLS socket factory; an unknown login method is refused")
  void tlsAndLoginMethod() {
    ConnectionFactory f = settings("amqps://rabbit?ssl_cert_reqs=CERT_NONE", Map.of()).connectionFactory();
    assertThat(f.isSSL()).isTrue();
    assertThat(f.getPort()).isEqualTo(5671);
    assertThatThrownBy(() -> settings("amqp://?login_method=GSSAPI", Map.of()).connectionFactory())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("GSSAPI");
  }
}
