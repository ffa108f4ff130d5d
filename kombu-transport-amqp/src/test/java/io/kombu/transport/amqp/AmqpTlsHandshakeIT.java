package io.kombu.transport.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConnectionException;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.spi.Transport;
import io.kombu.transport.amqp.internal.PemSslContexts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * TLS handshakes of the AMQP transport against a loopback TLS server that stands in for a RabbitMQ TLS listener: it
 * completes the handshake, reads the AMQP protocol header and hangs up. What counts is whether the handshake succeeded.
 * The PEM fixtures under src/test/resources/tls were made with openssl for these tests only.
 */
@DisplayName("amqps:// handshakes check the server certificate and host name, and present a client certificate")
class AmqpTlsHandshakeIT {
  private static String file(String name) {
    try {
      return Path.of(AmqpTlsHandshakeIT.class.getResource("/tls/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A one-connection TLS server; {@link #handshake} completes with true when a TLS session was established. */
  private static final class TlsServer implements AutoCloseable {
    final SSLServerSocket socket;
    final CompletableFuture<Boolean> handshake = new CompletableFuture<>();

    TlsServer(String certName, boolean needClientAuth) throws IOException {
      var context = PemSslContexts.create(Map.of("certfile", file(certName + ".pem"),
          "keyfile", file(certName + "-key.pem"), "ca_certs", file("ca.pem")));
      socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
          InetAddress.getLoopbackAddress());
      socket.setNeedClientAuth(needClientAuth);
      Thread t = new Thread(this::serveOne, "tls-test-server");
      t.setDaemon(true);
      t.start();
    }

    private void serveOne() {
      try (SSLSocket s = (SSLSocket) socket.accept()) {
        s.setSoTimeout(10_000);
        s.startHandshake();
        InputStream in = s.getInputStream();
        in.readNBytes(8);
        handshake.complete(true);
      } catch (IOException e) {
        handshake.complete(false);
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    boolean succeeded() throws Exception {
      return handshake.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static void connect(String url) {
    try (Transport t = new AmqpTransportProvider().create(BrokerUrls.parseOne(url), TransportOptions.defaults())) {
      t.connect().close();
    }
  }

  @Test
  @DisplayName("a server certificate from ssl_ca_certs that names the host is accepted")
  void trustedServer() throws Exception {
    try (TlsServer server = new TlsServer("server-localhost", false)) {
      assertThatThrownBy(() -> connect("amqps://localhost:" + server.port() + "//?ssl_ca_certs=" + file("ca.pem")))
          .as("the stand-in server hangs up after the handshake").isInstanceOf(ConnectionException.class);
      assertThat(server.succeeded()).isTrue();
    }
  }

  @Test
  @DisplayName("without ssl_ca_certs the JDK trust store applies, which does not know the test CA")
  void unknownCa() throws Exception {
    try (TlsServer server = new TlsServer("server-localhost", false)) {
      assertThatThrownBy(() -> connect("amqps://localhost:" + server.port() + "//"))
          .isInstanceOf(ConnectionException.class);
      assertThat(server.succeeded()).isFalse();
    }
  }

  @Test
  @DisplayName("a certificate for another host is refused unless ssl_check_hostname=false")
  void hostnameVerification() throws Exception {
    try (TlsServer server = new TlsServer("server-other", false)) {
      assertThatThrownBy(() -> connect("amqps://localhost:" + server.port() + "//?ssl_ca_certs=" + file("ca.pem")))
          .isInstanceOf(ConnectionException.class);
      assertThat(server.succeeded()).isFalse();
    }
    try (TlsServer server = new TlsServer("server-other", false)) {
      assertThatThrownBy(() -> connect("amqps://localhost:" + server.port() + "//?ssl_check_hostname=false&ssl_ca_certs="
          + file("ca.pem"))).isInstanceOf(ConnectionException.class);
      assertThat(server.succeeded()).isTrue();
    }
  }

  @Test
  @DisplayName("ssl_cert_reqs=CERT_NONE accepts any server certificate")
  void certNone() throws Exception {
    try (TlsServer server = new TlsServer("server-other", false)) {
      assertThatThrownBy(() -> connect("amqps://localhost:" + server.port() + "//?ssl_cert_reqs=CERT_NONE"))
          .isInstanceOf(ConnectionException.class);
      assertThat(server.succeeded()).isTrue();
    }
  }

  @Test
  @DisplayName("a server that requires a client certificate gets ssl_certfile/ssl_keyfile, and refuses a client without")
  void clientCertificate() throws Exception {
    String trust = "ssl_ca_certs=" + file("ca.pem");
    try (TlsServer server = new TlsServer("server-localhost", true)) {
      assertThatThrownBy(() -> connect("amqps://localhost:" + server.port() + "//?" + trust + "&ssl_certfile="
          + file("client.pem") + "&ssl_keyfile=" + file("client-key-pkcs1.pem")))
          .isInstanceOf(ConnectionException.class);
      assertThat(server.succeeded()).isTrue();
    }
    try (TlsServer server = new TlsServer("server-localhost", true)) {
      assertThatThrownBy(() -> connect("amqps://localhost:" + server.port() + "//?" + trust))
          .isInstanceOf(ConnectionException.class);
      assertThat(server.succeeded()).isFalse();
    }
  }
}
