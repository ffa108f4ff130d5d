package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The PEM fixtures under src/test/resources/tls were made with openssl for these tests only; they protect nothing. */
@DisplayName("PemSslContexts")
class PemSslContextsTest {
  private static String file(String name) {
    try {
      return Path.of(PemSslContextsTest.class.getResource("/tls/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("builds a context from a CA bundle and a client certificate with its PKCS#8 key")
  void caAndClientCertificate() {
    SSLContext ctx = PemSslContexts.create(Map.of("ca_certs", file("ca.pem"), "certfile", file("client.pem"),
        "keyfile", file("client-key.pem"), "cert_reqs", "CERT_REQUIRED"));
    assertThat(ctx.getProtocol()).isEqualTo("TLS");
    assertThat(ctx.getSocketFactory()).isNotNull();
  }

  @Test
  @DisplayName("reads PKCS#1 RSA keys as the same key as their PKCS#8 form, and EC keys")
  void keyFormats() {
    PrivateKey pkcs8 = PemSslContexts.readPrivateKey(Path.of(file("client-key.pem")));
    PrivateKey pkcs1 = PemSslContexts.readPrivateKey(Path.of(file("client-key-pkcs1.pem")));
    assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
    assertThat(((RSAPrivateCrtKey) pkcs1).getPrivateExponent())
        .isEqualTo(((RSAPrivateCrtKey) pkcs8).getPrivateExponent());
    assertThat(PemSslContexts.readPrivateKey(Path.of(file("ec-key.pem"))).getAlgorithm()).isEqualTo("EC");
    assertThat(PemSslContexts.create(Map.of("certfile", file("ec.pem"), "keyfile", file("ec-key.pem")))).isNotNull();
  }

  @Test
  @DisplayName("works with the JDK trust store by default and with CERT_NONE")
  void defaultsAndCertNone() {
    assertThat(PemSslContexts.create(Map.of())).isNotNull();
    assertThat(PemSslContexts.create(Map.of("cert_reqs", "none"))).isNotNull();
    assertThat(PemSslContexts.CertReqs.parse("CERT_OPTIONAL")).isEqualTo(PemSslContexts.CertReqs.OPTIONAL);
    assertThat(PemSslContexts.CertReqs.parse(null)).isEqualTo(PemSslContexts.CertReqs.REQUIRED);
  }

  @Test
  @DisplayName("explains what is wrong: encrypted or SEC1 keys, a missing file, a key without certificate, bad cert_reqs")
  void clearErrors() {
    assertThatThrownBy(() -> PemSslContexts.readPrivateKey(Path.of(file("client-key-encrypted.pem"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("encrypted").hasMessageContaining("openssl");
    assertThatThrownBy(() -> PemSslContexts.readPrivateKey(Path.of(file("ec-sec1.pem"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("PKCS#8");
    assertThatThrownBy(() -> PemSslContexts.create(Map.of("ca_certs", "/nonexistent/ca.pem")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("/nonexistent/ca.pem");
    assertThatThrownBy(() -> PemSslContexts.create(Map.of("keyfile", file("client-key.pem"))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("ssl_certfile");
    assertThatThrownBy(() -> PemSslContexts.CertReqs.parse("sometimes"))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("CERT_REQUIRED");
  }
}
