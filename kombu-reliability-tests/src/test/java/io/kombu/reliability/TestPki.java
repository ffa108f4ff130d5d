package io.kombu.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Certificates for the TLS tests, made by {@code openssl} in a directory of the test's: self-signed CAs and certificates
 * they sign, each {@code <name>.pem} with its unencrypted key {@code <name>.key} beside it. Everything is valid for two
 * days, so that files a crashed test leaves behind soon expire.
 *
 * <p>Thread-safety: not thread-safe; one test class uses one instance.
 */
final class TestPki {
  private static final Duration OPENSSL_LIMIT = Duration.ofSeconds(60);

  private final Path dir;

  /** @param dir where the PEM files go */
  TestPki(Path dir) {
    this.dir = dir;
  }

  /** @return true when {@code openssl} can be run */
  static boolean opensslWorks() {
    return BrokerFaults.commandWorks("openssl", "version");
  }

  /** @param name file name stem @return the PEM certificate of a new self-signed CA; its key is {@link #key}(name) */
  Path ca(String name) {
    Path pem = dir.resolve(name + ".pem");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj", "/CN=Kombu test " + name,
        "-keyout", key(name).toString(), "-out", pem.toString());
    return pem;
  }

  /**
   * @param name file name stem
   * @param ca the signing CA, made by {@link #ca}
   * @param commonName the subject's CN
   * @param extension one openssl extension line, e.g. {@code subjectAltName=DNS:localhost}
   * @return the PEM certificate; its key is {@link #key}(name)
   */
  Path cert(String name, Path ca, String commonName, String extension) {
    Path csr = dir.resolve(name + ".csr");
    Path ext = dir.resolve(name + ".ext");
    Path pem = dir.resolve(name + ".pem");
    try {
      Files.writeString(ext, extension + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new AssertionError("cannot write " + ext + ": " + e, e);
    }
    Path caKey = ca.resolveSibling(ca.getFileName().toString().replaceFirst("\\.pem$", ".key"));
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-sha256", "-subj", "/CN=" + commonName,
        "-keyout", key(name).toString(), "-out", csr.toString());
    openssl("x509", "-req", "-sha256", "-days", "2", "-in", csr.toString(), "-CA", ca.toString(),
        "-CAkey", caKey.toString(), "-CAcreateserial", "-extfile", ext.toString(), "-out", pem.toString());
    return pem;
  }

  /** @param name file name stem @return the private key of that certificate */
  Path key(String name) {
    return dir.resolve(name + ".key");
  }

  private static void openssl(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "openssl";
    System.arraycopy(args, 0, command, 1, args.length);
    BrokerFaults.run(OPENSSL_LIMIT, command);
  }
}
