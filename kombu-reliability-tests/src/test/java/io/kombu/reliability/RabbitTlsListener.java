package io.kombu.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The local RabbitMQ's TLS listener, as {@code scripts/brokers.sh} sets it up: 127.0.0.1:5671, with its CA,
 * certificate and key in {@value #DIR}. A test can put its own files there ({@link #rotate}) and must put the bootstrap
 * ones back ({@link #restore}); both make RabbitMQ read the files again with {@code ssl:clear_pem_cache()} and then
 * check, with a handshake of their own, that new connections get the expected certificate.
 *
 * <p>Thread-safety: not thread-safe; the listener is shared by the whole machine, so one test class rotates at a time.
 */
final class RabbitTlsListener {
  /** The TLS port. */
  static final int PORT = 5671;
  /** Where the listener's files are, outside any checkout. */
  static final String DIR = "/var/lib/kombu-it/rabbitmq-tls";
  /** How long one rabbitmqctl call may take. */
  static final Duration RABBITMQCTL_LIMIT = Duration.ofSeconds(60);

  private static final Duration PICKUP_LIMIT = Duration.ofSeconds(30);
  private static final String CA = "ca.pem";
  private static final String CERT = "server.pem";
  private static final String KEY = "server.key";

  private final Path dir;
  private final Map<String, byte[]> bootstrap = new LinkedHashMap<>();

  private RabbitTlsListener(Path dir) throws IOException {
    this.dir = dir;
    for (String name : new String[] {CA, CERT, KEY}) {
      bootstrap.put(name, Files.readAllBytes(dir.resolve(name)));
    }
  }

  /**
   * @return the local listener, its bootstrap files read; skips the test (or fails it under {@code
   *     KOMBU_IT_REQUIRED=true}) when there is no listener, or when its files cannot be rewritten or reloaded
   */
  static RabbitTlsListener local() {
    Path dir = Path.of(DIR);
    String fix = "; scripts/brokers.sh (as root) sets it up";
    if (!BrokerFaults.answers(PORT)) {
      BrokerFaults.unavailable("no RabbitMQ TLS listener answers on 127.0.0.1:" + PORT + fix);
    }
    if (!Files.isWritable(dir) || !Files.isWritable(dir.resolve(KEY)) || !Files.isReadable(dir.resolve(CA))) {
      BrokerFaults.unavailable("the TLS listener's files in " + DIR + " must be readable and writable by this user"
          + " (the test puts its own certificates there)" + fix);
    }
    if (!BrokerFaults.rabbitmqctlWorks()) {
      BrokerFaults.unavailable("rabbitmqctl cannot reach the local RabbitMQ node (needed to reload certificates)");
    }
    try {
      return new RabbitTlsListener(dir);
    } catch (IOException e) {
      throw new AssertionError("cannot read the TLS listener's files in " + DIR + ": " + e, e);
    }
  }

  /**
   * Makes the listener present {@code cert} (with {@code key}) and trust {@code ca}, for new connections.
   *
   * @param ca PEM CA certificates
   * @param cert PEM server certificate
   * @param key its PEM private key
   */
  void rotate(Path ca, Path cert, Path key) {
    try {
      install(Map.of(CA, Files.readAllBytes(ca), CERT, Files.readAllBytes(cert), KEY, Files.readAllBytes(key)));
    } catch (IOException e) {
      throw new AssertionError("cannot read the test's certificates: " + e, e);
    }
  }

  /** Puts the bootstrap files back, so that the listener presents the certificate {@code scripts/brokers.sh} made. */
  void restore() {
    install(bootstrap);
  }

  private void install(Map<String, byte[]> files) {
    files.forEach(this::replace);
    BrokerFaults.run(RABBITMQCTL_LIMIT, "rabbitmqctl", "eval", "ssl:clear_pem_cache().");
    X509Certificate expected = parse(files.get(CERT));
    Poll.until("RabbitMQ presenting " + expected.getSubjectX500Principal() + " (serial " + expected.getSerialNumber()
        + ") on port " + PORT + " after ssl:clear_pem_cache()", PICKUP_LIMIT, () -> expected.equals(presented()));
  }

  /** Writes a file next to the target with the target's owner and mode, then renames it over the target. */
  private void replace(String name, byte[] content) {
    Path target = dir.resolve(name);
    Path next = dir.resolve(name + ".next");
    try {
      Files.copy(target, next, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      Files.write(next, content);
      Files.move(next, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new AssertionError("cannot replace " + target + ": " + e, e);
    }
  }

  /** @return the certificate the listener shows a new connection now (the chain is not checked: this only looks) */
  private static Certificate presented() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new LookOnly()}, new SecureRandom());
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", PORT)) {
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket.getSession().getPeerCertificates()[0];
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new AssertionError("TLS handshake with 127.0.0.1:" + PORT + " failed: " + e, e);
    }
  }

  private static X509Certificate parse(byte[] pem) {
    try (InputStream in = new ByteArrayInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new AssertionError("not a PEM certificate: " + e, e);
    }
  }

  /** Accepts any server certificate: used only to see which one the listener presents. */
  private static final class LookOnly implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
