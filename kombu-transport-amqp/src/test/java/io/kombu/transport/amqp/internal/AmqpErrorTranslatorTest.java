package io.kombu.transport.amqp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.AMQImpl;
import io.kombu.BrokerReply;
import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.IrrecoverableChannelException;
import io.kombu.IrrecoverableConnectionException;
import io.kombu.KombuException;
import io.kombu.NotFoundException;
import io.kombu.PreconditionFailedException;
import io.kombu.UncategorizedKombuException;
import io.kombu.spi.ErrorKind;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@DisplayName("AmqpErrorTranslator")
class AmqpErrorTranslatorTest {
  private static ShutdownSignalException channelClose(int code, String text) {
    return new ShutdownSignalException(false, false, new AMQImpl.Channel.Close(code, text, 50, 10), null);
  }

  private static ShutdownSignalException connectionClose(int code, String text) {
    return new ShutdownSignalException(true, false, new AMQImpl.Connection.Close(code, text, 0, 0), null);
  }

  @ParameterizedTest(name = "channel {0} -> {1}")
  @CsvSource({
      "404, io.kombu.NotFoundException, FATAL",
      "406, io.kombu.PreconditionFailedException, FATAL",
      "403, io.kombu.IrrecoverableChannelException, FATAL",
      "311, io.kombu.ChannelException, RECOVERABLE_CHANNEL",
      "313, io.kombu.ChannelException, RECOVERABLE_CHANNEL",
      "405, io.kombu.ChannelException, RECOVERABLE_CHANNEL"})
  @DisplayName("translates channel closes by reply code, keeping the code and the cause")
  void channelCodes(int code, String type, ErrorKind kind) {
    ShutdownSignalException cause = channelClose(code, "TEXT - detail");
    KombuException e = AmqpErrorTranslator.translate(new IOException(cause), "queue.declare(q)");
    assertThat(e.getClass().getName()).isEqualTo(type);
    assertThat(((BrokerReply) e).replyCode()).isEqualTo(code);
    assertThat(e).hasMessageContaining("queue.declare(q)").hasMessageContaining("TEXT - detail");
    assertThat(e).hasRootCause(cause);
    assertThat(ErrorKind.of(e)).isEqualTo(kind);
  }

  @ParameterizedTest(name = "connection {0} -> {1}")
  @CsvSource({
      "320, io.kombu.ConnectionException, RECOVERABLE_CONNECTION",
      "506, io.kombu.ConnectionException, RECOVERABLE_CONNECTION",
      "200, io.kombu.ConnectionException, RECOVERABLE_CONNECTION",
      "402, io.kombu.IrrecoverableConnectionException, FATAL",
      "501, io.kombu.IrrecoverableConnectionException, FATAL",
      "505, io.kombu.IrrecoverableConnectionException, FATAL",
      "530, io.kombu.IrrecoverableConnectionException, FATAL",
      "540, io.kombu.IrrecoverableConnectionException, FATAL",
      "541, io.kombu.IrrecoverableConnectionException, FATAL",
      "403, io.kombu.IrrecoverableConnectionException, FATAL"})
  @DisplayName("translates connection closes by reply code")
  void connectionCodes(int code, String type, ErrorKind kind) {
    KombuException e = AmqpErrorTranslator.translate(connectionClose(code, "X"), "basic.publish");
    assertThat(e.getClass().getName()).isEqualTo(type);
    assertThat(ErrorKind.of(e)).isEqualTo(kind);
  }

  @Test
  @DisplayName("a lost socket, a refused or timed-out connect are recoverable ConnectionExceptions")
  void networkFailures() {
    assertThat(AmqpErrorTranslator.translate(new ShutdownSignalException(true, false, null, null), "x"))
        .isInstanceOf(ConnectionException.class);
    assertThat(AmqpErrorTranslator.translate(new AlreadyClosedException(connectionClose(320, "forced")), "x"))
        .isInstanceOf(ConnectionException.class).hasMessageContaining("320");
    assertThat(AmqpErrorTranslator.translate(new ConnectException("Connection refused"), "connect"))
        .isInstanceOf(ConnectionException.class).hasMessageContaining("Connection refused");
    assertThat(AmqpErrorTranslator.translate(new TimeoutException(), "connect"))
        .isInstanceOf(ConnectionException.class).hasMessageContaining("timed out");
  }

  @Test
  @DisplayName("a failed TLS handshake says TLS and what to change: the host name, the CA, or the port")
  void tlsFailures() {
    KombuException hostname = AmqpErrorTranslator.translate(handshake(
        new CertificateException("No subject alternative names matching IP address 127.0.0.1 found")), "connect");
    assertThat(hostname).isInstanceOf(ConnectionException.class)
        .hasMessageContaining("TLS handshake").hasMessageContaining("does not match the host name")
        .hasMessageContaining("127.0.0.1").hasMessageContaining("ssl_check_hostname=false");
    KombuException chain = AmqpErrorTranslator.translate(handshake(new CertificateException("PKIX path building failed")),
        "connect");
    assertThat(chain).isInstanceOf(ConnectionException.class)
        .hasMessageContaining("the server certificate was rejected (PKIX").hasMessageContaining("ssl_ca_certs");
    assertThat(AmqpErrorTranslator.translate(new SSLHandshakeException("Remote host terminated the handshake"), "connect"))
        .isInstanceOf(ConnectionException.class).hasMessageContaining("TLS listener");
  }

  private static SSLHandshakeException handshake(CertificateException cause) {
    SSLHandshakeException e = new SSLHandshakeException(cause.getMessage());
    e.initCause(cause);
    return e;
  }

  @Test
  @DisplayName("a refused login is irrecoverable; Kombu exceptions pass through; anything else is uncategorized")
  void otherErrors() {
    assertThat(AmqpErrorTranslator.translate(new AuthenticationFailureException("ACCESS_REFUSED"), "connect"))
        .isInstanceOf(IrrecoverableConnectionException.class).hasMessageContaining("password");
    NotFoundException original = new NotFoundException("x");
    assertThat(AmqpErrorTranslator.translate(original, "x")).isSameAs(original);
    assertThat(AmqpErrorTranslator.translate(new IllegalStateException("odd"), "x"))
        .isInstanceOf(UncategorizedKombuException.class).hasCauseInstanceOf(IllegalStateException.class);
    assertThat(AmqpErrorTranslator.fromReplyCode(999, "?", false, "x", new IOException()))
        .isInstanceOf(IrrecoverableChannelException.class);
    assertThat(AmqpErrorTranslator.fromReplyCode(406, "?", false, "x", new IOException()))
        .isInstanceOf(PreconditionFailedException.class);
    assertThat(AmqpErrorTranslator.fromReplyCode(405, "?", false, "x", new IOException()))
        .isInstanceOf(ChannelException.class);
  }
}
