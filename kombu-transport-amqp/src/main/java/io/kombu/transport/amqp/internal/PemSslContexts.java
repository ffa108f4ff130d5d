package io.kombu.transport.amqp.internal;

import io.kombu.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link SSLContext} from Kombu's {@code ssl_*} options, which name PEM files as Python's {@code ssl} module
 * takes them: {@code ca_certs} (trusted CA bundle; the JDK's trust store when absent), {@code certfile} and {@code keyfile}
 * (client certificate chain and its unencrypted PKCS#8 or PKCS#1 RSA key), {@code cert_reqs} ({@code CERT_REQUIRED}, the
 * default, {@code CERT_OPTIONAL}, or {@code CERT_NONE} which trusts any server certificate).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class PemSslContexts {
  private static final Pattern PEM_KEY =
      Pattern.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----(.*?)-----END \\1PRIVATE KEY-----", Pattern.DOTALL);
  private static final char[] NO_PASSWORD = new char[0];

  private PemSslContexts() {}

  /** How the server's certificate is checked (Python's {@code ssl.CERT_*}). Thread-safety: immutable. */
  public enum CertReqs {
    /** Verify the server's certificate (default). */
    REQUIRED,
    /** Verify it (a client always gets one, so this is the same as REQUIRED, as in Python). */
    OPTIONAL,
    /** Accept any certificate: only for tests. */
    NONE;

    /**
     * @param value {@code CERT_REQUIRED}, {@code required}, {@code CERT_OPTIONAL}, {@code optional}, {@code CERT_NONE}
     *     or {@code none}, any case; null means REQUIRED
     * @return the setting
     * @throws ConfigurationException for anything else
     */
    public static CertReqs parse(@Nullable String value) {
      if (value == null) {
        return REQUIRED;
      }
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.startsWith("cert_")) {
        v = v.substring(5);
      }
      switch (v) {
        case "required":
          return REQUIRED;
        case "optional":
          return OPTIONAL;
        case "none":
          return NONE;
        default:
          throw new ConfigurationException("ssl_cert_reqs must be CERT_REQUIRED, CERT_OPTIONAL or CERT_NONE, was: " + value);
      }
    }
  }

  /**
   * @param sslOptions the URL's {@code ssl_*} options without the prefix
   * @return a TLS context
   * @throws ConfigurationException when a file cannot be read or parsed
   */
  public static SSLContext create(Map<String, String> sslOptions) {
    CertReqs reqs = CertReqs.parse(sslOptions.get("cert_reqs"));
    String caCerts = sslOptions.get("ca_certs");
    String certFile = sslOptions.get("certfile");
    String keyFile = sslOptions.get("keyfile");
    try {
      TrustManager[] trust;
      if (reqs == CertReqs.NONE) {
        trust = new TrustManager[] {new TrustAnyServer()};
      } else if (caCerts != null) {
        trust = trustManagers(readCertificates(Path.of(caCerts)));
      } else {
        trust = null;
      }
      KeyManager[] keys = null;
      if (certFile != null) {
        List<X509Certificate> chain = readCertificates(Path.of(certFile));
        PrivateKey key = readPrivateKey(Path.of(keyFile != null ? keyFile : certFile));
        keys = keyManagers(chain, key);
      } else if (keyFile != null) {
        throw new ConfigurationException("ssl_keyfile is set but ssl_certfile is not: give the client certificate too");
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigurationException("could not build the TLS context from the ssl_* options: " + e.getMessage(), e);
    }
  }

  static List<X509Certificate> readCertificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : all) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new ConfigurationException("no PEM certificate found in " + file);
      }
      return certs;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigurationException("cannot read certificates from " + file + ": " + e.getMessage(), e);
    }
  }

  static PrivateKey readPrivateKey(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read the private key " + file + ": " + e.getMessage(), e);
    }
    Matcher m = PEM_KEY.matcher(pem);
    if (!m.find()) {
      throw new ConfigurationException("no PEM private key found in " + file);
    }
    String kind = m.group(1).trim();
    byte[] der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("(?m)^[A-Za-z-]+:.*$", ""));
    switch (kind) {
      case "":
        return pkcs8(der, file, "RSA", "EC", "Ed25519", "Ed448", "DSA");
      case "RSA":
        return pkcs8(wrapPkcs1Rsa(der), file, "RSA");
      case "ENCRYPTED":
        throw new ConfigurationException("the private key in " + file + " is encrypted, which is not supported; decrypt "
            + "it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
      default:
        throw new ConfigurationException("the " + kind + " PRIVATE KEY format in " + file + " is not supported; convert "
            + "it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
    }
  }

  private static PrivateKey pkcs8(byte[] der, Path file, String... algorithms) {
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next one
      }
    }
    throw new ConfigurationException("the private key in " + file + " is not an RSA, EC, EdDSA or DSA PKCS#8 key");
  }

  /** PKCS#8 = SEQUENCE { INTEGER 0, SEQUENCE { OID rsaEncryption, NULL }, OCTET STRING pkcs1 }. */
  static byte[] wrapPkcs1Rsa(byte[] pkcs1) {
    byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01,
        0x05, 0x00};
    byte[] version = {0x02, 0x01, 0x00};
    byte[] octets = der(0x04, pkcs1);
    byte[] body = new byte[version.length + algorithm.length + octets.length];
    System.arraycopy(version, 0, body, 0, version.length);
    System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
    System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
    return der(0x30, body);
  }

  private static byte[] der(int tag, byte[] content) {
    int n = content.length;
    byte[] length;
    if (n < 0x80) {
      length = new byte[] {(byte) n};
    } else if (n < 0x100) {
      length = new byte[] {(byte) 0x81, (byte) n};
    } else if (n < 0x10000) {
      length = new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
    } else {
      length = new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }
    byte[] out = new byte[1 + length.length + n];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, n);
    return out;
  }

  private static TrustManager[] trustManagers(List<X509Certificate> cas) throws GeneralSecurityException {
    KeyStore store = emptyStore();
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca-" + i, cas.get(i));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return tmf.getTrustManagers();
  }

  private static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key) throws GeneralSecurityException {
    KeyStore store = emptyStore();
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, NO_PASSWORD);
    } catch (IOException e) {
      throw new ConfigurationException("cannot create an in-memory key store: " + e.getMessage(), e);
    }
    return store;
  }

  /** {@code ssl_cert_reqs=CERT_NONE}: accepts every server certificate, as Python does. */
  private static final class TrustAnyServer implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this trust manager only serves the client side of a connection");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // CERT_NONE: the user asked for no verification
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
