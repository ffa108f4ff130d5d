package io.kombu.transport.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.ConnectionException;
import io.kombu.KombuException;
import io.kombu.spi.ErrorKind;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;

@DisplayName("RedisErrors words TLS certificate failures as such (no network)")
class RedisErrorsTest {
  private static final String WHERE = "rediss://:**@127.0.0.1:6380/0";

  private static JedisConnectionException handshakeFailure(String certificateProblem) {
    SSLHandshakeException handshake = new SSLHandshakeException(certificateProblem);
    handshake.initCause(new CertificateException(certificateProblem));
    return new JedisConnectionException(handshake);
  }

  @Test
  @DisplayName("a host name mismatch says TLS, host name, and how to turn only that check off")
  void hostnameMismatch() {
    KombuException e = RedisErrors.translate(
        handshakeFailure("No subject alternative names matching IP address 127.0.0.1 found"), "PING", WHERE);

    assertThat(e).isInstanceOf(ConnectionException.class).hasCauseInstanceOf(JedisConnectionException.class);
    assertThat(e.getMessage()).startsWith("TLS handshake with Redis at " + WHERE + " failed during PING")
        .contains("does not match the host name").contains("ssl_check_hostname=false")
        .doesNotContain("lost the connection");
  }

  @Test
  @DisplayName("an untrusted certificate chain points at ssl_ca_certs")
  void untrustedChain() {
    KombuException e = RedisErrors.translate(handshakeFailure("PKIX path building failed: unable to find valid "
        + "certification path to requested target"), "PING", WHERE);

    assertThat(e).isInstanceOf(ConnectionException.class);
    assertThat(e.getMessage()).contains("server certificate was rejected").contains("PKIX path building failed")
        .contains("ssl_ca_certs").doesNotContain("host name");
  }

  @Test
  @DisplayName("a TLS certificate failure stays a recoverable connection error, as redis-py's ConnectionError is")
  void staysRecoverable() {
    KombuException e = RedisErrors.translate(handshakeFailure("PKIX path building failed"), "PING", WHERE);

    assertThat(ErrorKind.of(e)).isEqualTo(ErrorKind.RECOVERABLE_CONNECTION);
  }

  @Test
  @DisplayName("a plain network failure is still reported as a lost connection")
  void plainConnectionLoss() {
    KombuException e = RedisErrors.translate(new JedisConnectionException("Connection refused"), "PING", WHERE);

    assertThat(e.getMessage()).startsWith("lost the connection to Redis at " + WHERE).doesNotContain("TLS");
  }
}
