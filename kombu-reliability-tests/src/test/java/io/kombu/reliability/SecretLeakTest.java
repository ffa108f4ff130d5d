package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.Connection;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Secrets in the objects a user is likely to print or log: connections built from URLs with passwords (not yet
 * connected, so no network), their {@code toString}, {@code asUri} and {@code info}, and transport options holding
 * secrets. The captured log of the whole test JVM is scanned at the end.
 *
 * <p>Thread-safety: a JUnit test class.
 */
@DisplayName("Secrets stay out of toString, asUri, info and the log")
class SecretLeakTest {
  @Test
  @DisplayName("an AMQP connection (not yet connected) masks its password in toString, asUri and info")
  void amqpConnectionMasksPassword() {
    try (Connection conn = Kombu.connect("amqp://user:" + Secrets.PASSWORD + "@127.0.0.1:1//")) {
      Secrets.assertAbsent("toString", conn.toString());
      Secrets.assertAbsent("asUri", conn.asUri());
      Secrets.assertAbsent("info", conn.info().toString());
      Secrets.assertAbsent("clone's asUri", conn.clone().asUri());
      assertThat(conn.asUri(true)).as("the explicit opt-in shows it (proves the check can fail)")
          .contains(Secrets.PASSWORD);
    }
  }

  @Test
  @DisplayName("a failover list masks the password of every alternate")
  void failoverListMasksEveryPassword() {
    String url = "amqp://a:" + Secrets.PASSWORD + "@127.0.0.1:1//;amqp://b:" + Secrets.PASSWORD_ENCODED + "@127.0.0.1:2//";
    try (Connection conn = Kombu.connect(url)) {
      Secrets.assertAbsent("toString", conn.toString());
      Secrets.assertAbsent("asUri", conn.asUri());
      Secrets.assertAbsent("info", conn.info().toString());
    }
  }

  @Test
  @DisplayName("a memory connection with credentials masks them too")
  void memoryConnectionMasksPassword() {
    try (Connection conn = Kombu.connect("memory://user:" + Secrets.PASSWORD + "@localhost/")) {
      conn.channel();
      Secrets.assertAbsent("toString", conn.toString());
      Secrets.assertAbsent("asUri", conn.asUri());
      Secrets.assertAbsent("info", conn.info().toString());
    }
  }

  @Test
  @DisplayName("transport options holding a token show only their keys in toString, also through the connection")
  void transportOptionsHideValues() {
    TransportOptions options = TransportOptions.of(Map.of("sentinel_password", Secrets.TOKEN, "aws_secret", Secrets.PASSWORD));
    Secrets.assertAbsent("TransportOptions.toString", options.toString());
    try (Connection conn = Kombu.connect("memory://", options)) {
      conn.channel();
      Secrets.assertAbsent("toString", conn.toString());
      Secrets.assertAbsent("asUri", conn.asUri());
      // Connection.info() lists the option names, with the values of secret-looking ones masked.
      assertThat(conn.info().toString()).contains("sentinel_password=**");
      Secrets.assertAbsent("info", conn.info().toString());
    }
  }

  @AfterAll
  static void nothingLoggedTheSecrets() {
    Secrets.assertAbsent("the captured log", LogCapture.everything());
  }
}
