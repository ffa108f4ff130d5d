package io.kombu.transport.amqp.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.IrrecoverableChannelException;
import io.kombu.IrrecoverableConnectionException;
import io.kombu.KombuException;
import io.kombu.KombuTimeoutException;
import io.kombu.NotFoundException;
import io.kombu.PreconditionFailedException;
import io.kombu.UncategorizedKombuException;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The one place where RabbitMQ client exceptions become Kombu exceptions, by AMQP reply code as py-amqp classifies them:
 *
 * <ul>
 *   <li>320 CONNECTION_FORCED, 506 RESOURCE_ERROR, a lost socket, a refused or timed-out connect, a failed TLS
 *       handshake: {@link ConnectionException} (recoverable by reconnecting, as py-amqp's {@code SSLError} is)
 *   <li>402, 501-505, 530, 540, 541, and a refused login: {@link IrrecoverableConnectionException}
 *   <li>311 CONTENT_TOO_LARGE, 313 NO_CONSUMERS, 405 RESOURCE_LOCKED: {@link ChannelException} (recoverable)
 *   <li>404 NOT_FOUND: {@link NotFoundException}; 406 PRECONDITION_FAILED: {@link PreconditionFailedException};
 *       403 and other channel codes: {@link IrrecoverableChannelException}
 * </ul>
 *
 * <p>The cause is always kept. Thread-safety: stateless and thread-safe.
 */
public final class AmqpErrorTranslator {
  private AmqpErrorTranslator() {}

  /**
   * @param error what the client threw
   * @param operation what we were doing, e.g. {@code queue.declare(orders)}, for the message
   * @return the Kombu exception to throw
   */
  public static KombuException translate(Throwable error, String operation) {
    if (error instanceof KombuException) {
      return (KombuException) error;
    }
    ShutdownSignalException shutdown = findShutdown(error);
    if (shutdown != null) {
      return fromShutdown(shutdown, operation, error);
    }
    if (error instanceof PossibleAuthenticationFailureException) {
      return new IrrecoverableConnectionException(AMQP.ACCESS_REFUSED, "the broker refused the login during " + operation
          + " (403 ACCESS_REFUSED): check the user name, password and virtual host in the URL", error);
    }
    if (error instanceof TimeoutException) {
      return new ConnectionException(0, "timed out during " + operation + ": the broker did not answer in time; "
          + "check that it is running and reachable, or raise connect_timeout", error);
    }
    SSLException tls = find(error, SSLException.class);
    if (tls != null) {
      return new ConnectionException(0, tlsMessage(tls, operation), error);
    }
    if (error instanceof IOException) {
      return new ConnectionException(0, "connection to the broker failed during " + operation + ": " + error
          + "; check that RabbitMQ is running and reachable at the URL's host and port", error);
    }
    if (error instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new KombuTimeoutException("interrupted during " + operation, error);
    }
    return new UncategorizedKombuException("unexpected AMQP client error during " + operation + ": " + error, error);
  }

  /**
   * A failed handshake is an {@link IOException} to the client; calling it a connection failure would send users after
   * the network instead of their CA file or host name.
   */
  private static String tlsMessage(SSLException tls, String operation) {
    CertificateException rejected = find(tls, CertificateException.class);
    String prefix = "TLS handshake with the broker failed during " + operation;
    if (rejected == null) {
      return prefix + " (" + tls.getMessage() + "); check that the port is RabbitMQ's TLS listener (5671 by default)"
          + " and the ssl_* options of the URL";
    }
    String detail = String.valueOf(rejected.getMessage());
    boolean hostname = detail.contains("subject alternative name") || detail.contains("No name matching");
    String fix = hostname
        ? "connect by a host name the certificate names, or add ssl_check_hostname=false to skip only the host name"
            + " check (the certificate chain is still verified)"
        : "set ssl_ca_certs to a PEM file with the CA that signed the server certificate, or ssl_cert_reqs=CERT_NONE"
            + " to skip verification (not for production)";
    return prefix + ": the server certificate was rejected" + (hostname ? " because it does not match the host name" : "")
        + " (" + detail + "); " + fix;
  }

  private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
    Throwable seen = error;
    for (int depth = 0; seen != null && depth < 10; depth++, seen = seen.getCause()) {
      if (type.isInstance(seen)) {
        return type.cast(seen);
      }
    }
    return null;
  }

  private static @Nullable ShutdownSignalException findShutdown(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ShutdownSignalException) {
        return (ShutdownSignalException) t;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static KombuException fromShutdown(ShutdownSignalException s, String operation, Throwable error) {
    Method reason = s.getReason();
    int code;
    String text;
    if (reason instanceof AMQP.Connection.Close) {
      code = ((AMQP.Connection.Close) reason).getReplyCode();
      text = ((AMQP.Connection.Close) reason).getReplyText();
    } else if (reason instanceof AMQP.Channel.Close) {
      code = ((AMQP.Channel.Close) reason).getReplyCode();
      text = ((AMQP.Channel.Close) reason).getReplyText();
    } else {
      return new ConnectionException(0, "the connection to the broker was lost during " + operation
          + (s.getCause() != null ? " (" + s.getCause() + ")" : "") + "; reconnect (Connection.ensure does it)", error);
    }
    return fromReplyCode(code, text, s.isHardError(), operation, error);
  }

  /**
   * @param code AMQP reply code
   * @param text the broker's reply text
   * @param connectionLevel whether the whole connection was closed (otherwise only the channel)
   * @param operation what we were doing
   * @param cause the client's exception
   * @return the Kombu exception for that code
   */
  public static KombuException fromReplyCode(
      int code, String text, boolean connectionLevel, String operation, Throwable cause) {
    String what = (connectionLevel ? "the broker closed the connection" : "the broker closed the channel") + " during "
        + operation + ": " + code + " " + text;
    switch (code) {
      case AMQP.REPLY_SUCCESS:
        return new ConnectionException(code, (connectionLevel ? "the connection" : "the channel") + " was already closed ("
            + code + " " + text + ") when " + operation + " was called; open a new one", cause);
      case AMQP.NOT_FOUND:
        return new NotFoundException(code, what + "; declare the exchange or queue first, or check its name", cause);
      case AMQP.PRECONDITION_FAILED:
        return new PreconditionFailedException(code,
            what + "; it exists with other properties: declare it the same way, or delete it first", cause);
      case AMQP.CONTENT_TOO_LARGE:
      case AMQP.NO_CONSUMERS:
      case AMQP.RESOURCE_LOCKED:
        return new ChannelException(code, what + "; open a new channel and retry", cause);
      case AMQP.CONNECTION_FORCED:
      case AMQP.RESOURCE_ERROR:
        return new ConnectionException(code, what + "; reconnect and retry (Connection.ensure does it)", cause);
      case AMQP.INVALID_PATH:
      case AMQP.FRAME_ERROR:
      case AMQP.SYNTAX_ERROR:
      case AMQP.COMMAND_INVALID:
      case AMQP.CHANNEL_ERROR:
      case AMQP.UNEXPECTED_FRAME:
      case AMQP.NOT_ALLOWED:
      case AMQP.NOT_IMPLEMENTED:
      case AMQP.INTERNAL_ERROR:
        return new IrrecoverableConnectionException(code, what, cause);
      default:
        if (connectionLevel) {
          return new IrrecoverableConnectionException(code, what, cause);
        }
        return new IrrecoverableChannelException(code, what, cause);
    }
  }
}
