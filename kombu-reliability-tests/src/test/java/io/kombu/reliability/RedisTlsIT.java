package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.KombuException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against real Redis TLS listeners: two child {@code redis-server}s on free ports, one that asks
 * for no client certificate and one that requires one, with a CA, a server certificate and a client certificate that
 * {@link TestPki} makes with {@code openssl}. The server certificate names only {@code DNS:localhost}, so
 * connecting to {@code 127.0.0.1} exercises hostname verification; a second, unrelated CA stands for a wrong trust
 * anchor. The servers have {@code requirepass}, and every URL carries the password, so each failure is also checked for
 * leaking it.
 *
 * <p>Thread-safety: a JUnit test class; its tests share the servers and do not run concurrently.
 */
@DisplayName("rediss:// verifies the server certificate and host name against a real Redis TLS listener")
class RedisTlsIT {
  @TempDir static Path dir;

  private static final List<ChildRedis> servers = new ArrayList<>();
  private static int port;
  private static int mutualPort;
  private static Path ca;
  private static Path otherCa;
  private static Path clientCert;
  private static TestPki pki;

  @BeforeAll
  static void startTlsRedis() {
    if (!TestPki.opensslWorks()) {
      BrokerFaults.unavailable("openssl must be on the PATH to make the test's certificates");
    }
    pki = new TestPki(dir);
    ca = pki.ca("ca");
    otherCa = pki.ca("other-ca");
    Path serverCert = pki.cert("server", ca, "localhost", "subjectAltName=DNS:localhost");
    clientCert = pki.cert("client", ca, "kombu-test-client", "extendedKeyUsage=clientAuth");
    port = startServer(serverCert, "no");
    mutualPort = startServer(serverCert, "yes");
  }

  /** @return the TLS port of a new redis-server that asks for client certificates when {@code authClients} is yes */
  private static int startServer(Path serverCert, String authClients) {
    int tlsPort = BrokerFaults.freePort();
    servers.add(ChildRedis.start(dir, tlsPort, List.of("--port", "0", "--tls-port", Integer.toString(tlsPort),
        "--tls-cert-file", serverCert.toString(), "--tls-key-file", pki.key("server").toString(),
        "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", authClients, "--requirepass", Secrets.PASSWORD,
        "--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--dir", dir.toString())));
    return tlsPort;
  }

  @AfterAll
  static void stopTlsRedis() {
    servers.forEach(ChildRedis::close);
  }

  @Test
  @DisplayName("with ssl_cert_reqs=required and the right CA a message goes through a SimpleQueue")
  void verifiedTlsCarriesMessages() {
    String url = url("localhost") + "?ssl_cert_reqs=required&ssl_ca_certs=" + ca;
    TlsChecks.roundTrip(url);
  }

  @Test
  @DisplayName("the host name is verified by default: a certificate for localhost is refused at 127.0.0.1")
  void hostnameVerifiedByDefault() {
    String url = url("127.0.0.1") + "?ssl_cert_reqs=required&ssl_ca_certs=" + ca;
    Throwable error = TlsChecks.failureOf(url);
    assertThat(error).isInstanceOf(KombuException.class);
    assertThat(error.getMessage()).containsIgnoringCase("TLS").containsIgnoringCase("host")
        .contains("127.0.0.1");
    TlsChecks.assertNoSecret(error);
  }

  @Test
  @DisplayName("ssl_check_hostname=false accepts the localhost certificate at 127.0.0.1 (the chain is still checked)")
  void hostnameCheckCanBeTurnedOff() {
    TlsChecks.roundTrip(url("127.0.0.1") + "?ssl_cert_reqs=required&ssl_check_hostname=false&ssl_ca_certs=" + ca);
  }

  @Test
  @DisplayName("a CA that did not sign the server certificate fails with an error about the certificate")
  void wrongCaFails() {
    String url = url("localhost") + "?ssl_cert_reqs=required&ssl_ca_certs=" + otherCa;
    Throwable error = TlsChecks.failureOf(url);
    assertThat(error).isInstanceOf(KombuException.class);
    assertThat(error.getMessage()).containsIgnoringCase("TLS").containsIgnoringCase("certificate")
        .contains("ssl_ca_certs");
    TlsChecks.assertNoSecret(error);
  }

  @Test
  @DisplayName("no TLS failure shows the URL password, in its message or anywhere in its stack trace")
  void failuresNeverShowThePassword() {
    List<String> urls = List.of(
        url("127.0.0.1") + "?ssl_cert_reqs=required&ssl_ca_certs=" + ca,
        url("localhost") + "?ssl_cert_reqs=required&ssl_ca_certs=" + otherCa,
        url("localhost") + "?ssl_cert_reqs=required&ssl_ca_certs=" + dir.resolve("missing.pem"),
        url("localhost") + "?ssl_cert_reqs=required");
    List<Throwable> errors = new ArrayList<>();
    for (String u : urls) {
      Throwable error = TlsChecks.failureOf(u);
      assertThat(error).as("connecting with %s", u.replace(Secrets.PASSWORD, "****"))
          .isInstanceOf(KombuException.class);
      errors.add(error);
    }
    errors.forEach(TlsChecks::assertNoSecret);
  }

  @Test
  @DisplayName("a server that requires client certificates accepts ssl_certfile and ssl_keyfile and refuses a client"
      + " without them")
  void clientCertificate() {
    String verified = "rediss://:" + Secrets.PASSWORD + "@localhost:" + mutualPort + "/0?ssl_cert_reqs=required"
        + "&ssl_ca_certs=" + ca;
    TlsChecks.roundTrip(verified + "&ssl_certfile=" + clientCert + "&ssl_keyfile=" + pki.key("client"));

    Throwable error = TlsChecks.failureOf(verified);
    assertThat(error).isInstanceOf(KombuException.class);
    TlsChecks.assertNoSecret(error);
  }

  private static String url(String host) {
    return "rediss://:" + Secrets.PASSWORD + "@" + host + ":" + port + "/0";
  }
}
