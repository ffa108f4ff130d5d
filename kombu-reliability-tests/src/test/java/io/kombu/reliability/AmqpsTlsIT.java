package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.IrrecoverableConnectionException;
import io.kombu.KombuException;
import io.kombu.testkit.RequiresBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amqps://} against the local RabbitMQ's TLS listener (127.0.0.1:5671, set up by {@code scripts/brokers.sh}),
 * with certificates the test makes itself: it writes its own CA and a server certificate that names only {@code
 * DNS:localhost} over the listener's files, has RabbitMQ read them with {@code ssl:clear_pem_cache()} (the documented
 * rotation step; no restart), and puts the bootstrap files back afterwards ({@link RabbitTlsListener}). Connecting to
 * {@code 127.0.0.1} then exercises host name verification, and a second, unrelated CA stands for a wrong trust anchor.
 * A user of the test's own with the suite's planted password logs in over TLS, so every failure is also checked for
 * leaking it.
 *
 * <p>Thread-safety: a JUnit test class; its tests share the listener and do not run concurrently.
 */
@RequiresBroker("amqp")
@DisplayName("amqps:// verifies the server certificate and host name against RabbitMQ's TLS listener")
class AmqpsTlsIT {
  @TempDir static Path dir;

  private static final String USER = "kombu-tls-it-" + UUID.randomUUID().toString().substring(0, 8);
  private static Path ca;
  private static Path otherCa;
  private static @Nullable RabbitTlsListener listener;
  private static boolean userAdded;

  @BeforeAll
  static void useTheTestsCertificates() {
    if (!TestPki.opensslWorks()) {
      BrokerFaults.unavailable("openssl must be on the PATH to make the test's certificates");
    }
    RabbitTlsListener local = RabbitTlsListener.local();
    listener = local;
    TestPki pki = new TestPki(dir);
    ca = pki.ca("ca");
    otherCa = pki.ca("other-ca");
    Path serverCert = pki.cert("server", ca, "localhost", "subjectAltName=DNS:localhost");
    local.rotate(ca, serverCert, pki.key("server"));
    BrokerFaults.run(RabbitTlsListener.RABBITMQCTL_LIMIT, "rabbitmqctl", "add_user", USER, Secrets.PASSWORD);
    userAdded = true;
    BrokerFaults.run(RabbitTlsListener.RABBITMQCTL_LIMIT, "rabbitmqctl", "set_permissions", "-p", "/", USER, ".*", ".*",
        ".*");
  }

  @AfterAll
  static void restoreTheBootstrapCertificates() {
    RabbitTlsListener used = listener;
    try {
      if (used != null) {
        used.restore();
      }
    } finally {
      if (userAdded) {
        BrokerFaults.run(RabbitTlsListener.RABBITMQCTL_LIMIT, "rabbitmqctl", "delete_user", USER);
      }
    }
  }

  @Test
  @DisplayName("with ssl_ca_certs naming the test's CA a message goes through a SimpleQueue")
  void verifiedTlsCarriesMessages() {
    TlsChecks.roundTrip(url("localhost") + "?ssl_ca_certs=" + ca);
  }

  @Test
  @DisplayName("the host name is verified by default: a certificate for localhost is refused at 127.0.0.1")
  void hostnameVerifiedByDefault() {
    Throwable error = TlsChecks.failureOf(url("127.0.0.1") + "?ssl_ca_certs=" + ca);
    assertThat(error).isInstanceOf(KombuException.class);
    assertThat(error.getMessage()).containsIgnoringCase("TLS").containsIgnoringCase("host").contains("127.0.0.1")
        .contains("ssl_check_hostname");
    TlsChecks.assertNoSecret(error);
  }

  @Test
  @DisplayName("ssl_check_hostname=false accepts the localhost certificate at 127.0.0.1 (the chain is still checked)")
  void hostnameCheckCanBeTurnedOff() {
    TlsChecks.roundTrip(url("127.0.0.1") + "?ssl_check_hostname=false&ssl_ca_certs=" + ca);
  }

  @Test
  @DisplayName("a CA that did not sign the server certificate fails with an error about the certificate")
  void wrongCaFails() {
    Throwable error = TlsChecks.failureOf(url("localhost") + "?ssl_ca_certs=" + otherCa);
    assertThat(error).isInstanceOf(KombuException.class);
    assertThat(error.getMessage()).containsIgnoringCase("TLS").containsIgnoringCase("certificate")
        .contains("ssl_ca_certs");
    TlsChecks.assertNoSecret(error);
  }

  @Test
  @DisplayName("a wrong password over TLS is refused as a login failure, and shows neither password")
  void wrongPasswordOverTls() {
    Throwable error = TlsChecks.failureOf("amqps://" + USER + ":" + Secrets.TOKEN + "@localhost:"
        + RabbitTlsListener.PORT + "//?ssl_ca_certs=" + ca);
    assertThat(error).isInstanceOf(IrrecoverableConnectionException.class);
    assertThat(error.getMessage()).contains("refused the login");
    TlsChecks.assertNoSecret(error);
  }

  @Test
  @DisplayName("no TLS failure shows the URL password, in its message or anywhere in its stack trace")
  void failuresNeverShowThePassword() {
    List<String> urls = List.of(
        url("127.0.0.1") + "?ssl_ca_certs=" + ca,
        url("localhost") + "?ssl_ca_certs=" + otherCa,
        url("localhost") + "?ssl_ca_certs=" + dir.resolve("missing.pem"),
        url("localhost"));
    List<Throwable> errors = new ArrayList<>();
    for (String u : urls) {
      Throwable error = TlsChecks.failureOf(u);
      assertThat(error).as("connecting with %s", u.replace(Secrets.PASSWORD, "****"))
          .isInstanceOf(KombuException.class);
      errors.add(error);
    }
    errors.forEach(TlsChecks::assertNoSecret);
  }

  private static String url(String host) {
    return "amqps://" + USER + ":" + Secrets.PASSWORD + "@" + host + ":" + RabbitTlsListener.PORT + "//";
  }
}
