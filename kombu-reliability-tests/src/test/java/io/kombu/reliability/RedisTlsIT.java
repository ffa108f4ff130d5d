package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kombu.Connection;
import io.kombu.KombuException;
import io.kombu.Message;
import io.kombu.SimpleQueue;
import io.kombu.core.Kombu;
import io.kombu.testkit.TestBrokers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against real Redis TLS listeners: two child {@code redis-server}s on free ports, one that asks
 * for no client certificate and one that requires one, with a CA, a server certificate and a client certificate that
 * {@code openssl} makes in {@link #startTlsRedis}. The server certificate names only {@code DNS:localhost}, so
 * connecting to {@code 127.0.0.1} exercises hostname verification; a second, unrelated CA stands for a wrong trust
 * anchor. The servers have {@code requirepass}, and every URL carries the password, so each failure is also checked for
 * leaking it.
 *
 * <p>Thread-safety: a JUnit test class; its tests share the servers and do not run concurrently.
 */
@DisplayName("rediss:// verifies the server certificate and host name against a real Redis TLS listener")
class RedisTlsIT {
  private static final Duration STARTUP_LIMIT = Duration.ofSeconds(20);

  @TempDir static Path dir;

  private static final List<Process> servers = new ArrayList<>();
  private static int port;
  private static int mutualPort;
  private static Path ca;
  private static Path otherCa;
  private static Path clientCert;

  @BeforeAll
  static void startTlsRedis() throws Exception {
    if (!commandWorks(List.of("openssl", "version")) || !commandWorks(List.of("redis-server", "--version"))) {
      unavailable("openssl and redis-server must both be on the PATH to run a Redis TLS listener");
    }
    ca = makeCa("ca");
    otherCa = makeCa("other-ca");
    Path serverCert = makeCert("server", "subjectAltName=DNS:localhost");
    clientCert = makeCert("client", "extendedKeyUsage=clientAuth");
    port = startServer(serverCert, "no");
    mutualPort = startServer(serverCert, "yes");
  }

  /** @return the TLS port of a new redis-server that asks for client certificates when {@code authClients} is yes */
  private static int startServer(Path serverCert, String authClients) throws IOException {
    int tlsPort = freePort();
    Path log = dir.resolve("redis-" + tlsPort + ".log");
    Process server = new ProcessBuilder(List.of("redis-server", "--port", "0",
        "--tls-port", Integer.toString(tlsPort),
        "--tls-cert-file", serverCert.toString(), "--tls-key-file", dir.resolve("server.key").toString(),
        "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", authClients, "--requirepass", Secrets.PASSWORD,
        "--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--dir", dir.toString()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    servers.add(server);
    long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
    while (!accepts(tlsPort)) {
      if (!server.isAlive()) {
        unavailable("redis-server with --tls-port exited with " + server.exitValue() + " (is it built with TLS? "
            + "Debian's redis-server is): " + Files.readString(log).strip());
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("redis-server did not accept on TLS port " + tlsPort + " within " + STARTUP_LIMIT
            + "; its log: " + Files.readString(log));
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    return tlsPort;
  }

  @AfterAll
  static void stopTlsRedis() throws InterruptedException {
    for (Process server : servers) {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  @DisplayName("with ssl_cert_reqs=required and the right CA a message goes through a SimpleQueue")
  void verifiedTlsCarriesMessages() {
    String url = url("localhost") + "?ssl_cert_reqs=required&ssl_ca_certs=" + ca;
    roundTrip(url);
  }

  @Test
  @DisplayName("the host name is verified by default: a certificate for localhost is refused at 127.0.0.1")
  void hostnameVerifiedByDefault() {
    String url = url("127.0.0.1") + "?ssl_cert_reqs=required&ssl_ca_certs=" + ca;
    Throwable error = failureOf(url);
    assertThat(error).isInstanceOf(KombuException.class);
    assertThat(error.getMessage()).containsIgnoringCase("TLS").containsIgnoringCase("host")
        .contains("127.0.0.1");
    assertNoSecret(error);
  }

  @Test
  @DisplayName("ssl_check_hostname=false accepts the localhost certificate at 127.0.0.1 (the chain is still checked)")
  void hostnameCheckCanBeTurnedOff() {
    roundTrip(url("127.0.0.1") + "?ssl_cert_reqs=required&ssl_check_hostname=false&ssl_ca_certs=" + ca);
  }

  @Test
  @DisplayName("a CA that did not sign the server certificate fails with an error about the certificate")
  void wrongCaFails() {
    String url = url("localhost") + "?ssl_cert_reqs=required&ssl_ca_certs=" + otherCa;
    Throwable error = failureOf(url);
    assertThat(error).isInstanceOf(KombuException.class);
    assertThat(error.getMessage()).containsIgnoringCase("TLS").containsIgnoringCase("certificate")
        .contains("ssl_ca_certs");
    assertNoSecret(error);
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
      Throwable error = failureOf(u);
      assertThat(error).as("connecting with %s", u.replace(Secrets.PASSWORD, "****"))
          .isInstanceOf(KombuException.class);
      errors.add(error);
    }
    errors.forEach(RedisTlsIT::assertNoSecret);
  }

  @Test
  @DisplayName("a server that requires client certificates accepts ssl_certfile and ssl_keyfile and refuses a client"
      + " without them")
  void clientCertificate() {
    String verified = "rediss://:" + Secrets.PASSWORD + "@localhost:" + mutualPort + "/0?ssl_cert_reqs=required"
        + "&ssl_ca_certs=" + ca;
    roundTrip(verified + "&ssl_certfile=" + clientCert + "&ssl_keyfile=" + dir.resolve("client.key"));

    Throwable error = failureOf(verified);
    assertThat(error).isInstanceOf(KombuException.class);
    assertNoSecret(error);
  }

  private static String url(String host) {
    return "rediss://:" + Secrets.PASSWORD + "@" + host + ":" + port + "/0";
  }

  private static void roundTrip(String url) {
    String name = "tls-it-" + UUID.randomUUID();
    try (Connection conn = Kombu.connect(url); SimpleQueue queue = conn.simpleQueue(name)) {
      queue.put(Map.of("over", "tls"));
      Message message = queue.get(Duration.ofSeconds(10));
      assertThat(message.decode()).isEqualTo(Map.of("over", "tls"));
      message.ack();
      queue.clear();
    }
  }

  private static Throwable failureOf(String url) {
    Throwable error = catchThrowable(() -> {
      try (Connection conn = Kombu.connect(url); SimpleQueue queue = conn.simpleQueue("tls-it-never")) {
        queue.put("never delivered");
      }
    });
    assertThat(error).as("connecting must fail").isNotNull();
    return error;
  }

  private static void assertNoSecret(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    Secrets.assertAbsent("the exception message", String.valueOf(error.getMessage()));
    Secrets.assertAbsent("the stack trace", trace.toString());
  }

  private static Path makeCa(String name) throws IOException, InterruptedException {
    Path pem = dir.resolve(name + ".pem");
    run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
        "-subj", "/CN=Kombu test " + name, "-keyout", dir.resolve(name + ".key").toString(), "-out", pem.toString()));
    return pem;
  }

  private static Path makeCert(String name, String extension) throws IOException, InterruptedException {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path ext = dir.resolve(name + ".ext");
    Path pem = dir.resolve(name + ".pem");
    Files.writeString(ext, extension + "\n", StandardCharsets.US_ASCII);
    run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-sha256",
        "-subj", "/CN=" + (name.equals("server") ? "localhost" : "kombu-test-client"),
        "-keyout", key.toString(), "-out", csr.toString()));
    run(List.of("openssl", "x509", "-req", "-sha256", "-days", "2", "-in", csr.toString(), "-CA", ca.toString(),
        "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-extfile", ext.toString(),
        "-out", pem.toString()));
    return pem;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Path out = dir.resolve("command.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n"
          + Files.readString(out));
    }
  }

  private static boolean commandWorks(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void unavailable(String why) {
    if (TestBrokers.required()) {
      throw new AssertionError(why + " (KOMBU_IT_REQUIRED=true, so this fails instead of skipping)");
    }
    Assumptions.abort(why);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean accepts(int p) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", p), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
