package io.kombu.transport.redis.internal;

import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.KombuException;
import io.kombu.UncategorizedKombuException;
import java.security.cert.CertificateException;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisBusyException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one place Jedis exceptions become Kombu exceptions (spec §9): connection problems, authentication and a loading
 * server are recoverable connection errors; command errors are channel errors; Kombu exceptions pass through.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class RedisErrors {
  private RedisErrors() {}

  /**
   * @param e an exception from a Redis call
   * @param what what was being done, e.g. "LPUSH to queue q"
   * @param where the masked broker address
   * @return the Kombu exception to throw
   */
  public static KombuException translate(RuntimeException e, String what, String where) {
    if (e instanceof KombuException) {
      return (KombuException) e;
    }
    KombuException ours = ownCause(e);
    if (ours != null) {
      return ours;
    }
    if (e instanceof JedisAccessControlException) {
      return new ConnectionException("Redis at " + where + " refused the credentials during " + what + " ("
          + e.getMessage() + "); check the user name and password in the URL, or what the credential_provider "
          + "returns", e);
    }
    CertificateException rejected = certificateProblem(e);
    if (rejected != null) {
      return new ConnectionException(tlsMessage(rejected, what, where), e);
    }
    if (e instanceof JedisConnectionException || e instanceof JedisBusyException) {
      return new ConnectionException("lost the connection to Redis at " + where + " during " + what + " ("
          + e.getMessage() + "); Kombu reconnects on retry (Connection.ensure or a consumer loop)", e);
    }
    if (e instanceof JedisDataException) {
      String msg = String.valueOf(e.getMessage());
      if (msg.startsWith("LOADING")) {
        return new ConnectionException("Redis at " + where + " is loading its data set (" + msg + "); retry", e);
      }
      if (msg.startsWith("NOAUTH") || msg.startsWith("WRONGPASS")) {
        return new ConnectionException("Redis at " + where + " needs valid credentials (" + msg + "); put them in the"
            + " URL (redis://:password@host or redis://user:password@host) or use a credential_provider", e);
      }
      return new ChannelException("Redis at " + where + " rejected " + what + ": " + msg, e);
    }
    if (e instanceof JedisException) {
      return new UncategorizedKombuException("Redis client error during " + what + " at " + where + ": "
          + e.getMessage(), e);
    }
    return new UncategorizedKombuException("unexpected error during " + what + " at " + where + ": " + e, e);
  }

  /**
   * What the socket factory and the credentials provider throw inside Jedis: our own exception, carried as the cause of
   * the Jedis exception that Jedis lets through its pool.
   */
  private static @Nullable KombuException ownCause(Throwable e) {
    Throwable seen = e.getCause();
    for (int depth = 0; seen != null && depth < 10; depth++, seen = seen.getCause()) {
      if (seen instanceof KombuException) {
        return (KombuException) seen;
      }
    }
    return null;
  }

  /**
   * A TLS handshake that failed on the certificate surfaces from Jedis as a connection error; saying "lost the
   * connection" there would send users after the network instead of their CA file or host name.
   */
  private static @Nullable CertificateException certificateProblem(Throwable e) {
    Throwable seen = e;
    for (int depth = 0; seen != null && depth < 10; depth++, seen = seen.getCause()) {
      if (seen instanceof CertificateException) {
        return (CertificateException) seen;
      }
    }
    return null;
  }

  private static String tlsMessage(CertificateException rejected, String what, String where) {
    String detail = String.valueOf(rejected.getMessage());
    boolean hostname = detail.contains("subject alternative name") || detail.contains("No name matching");
    String fix = hostname
        ? "connect by a host name the certificate names, or add ssl_check_hostname=false to skip only the host name"
            + " check (the certificate chain is still verified)"
        : "set ssl_ca_certs to a PEM file with the CA that signed the server certificate, or ssl_cert_reqs=none to"
            + " skip verification (not for production)";
    return "TLS handshake with Redis at " + where + " failed during " + what + ": the server certificate was rejected"
        + (hostname ? " because it does not match the host name" : "") + " (" + detail + "); " + fix;
  }

  /** @param e an exception @return whether it means the connection to Redis is (temporarily) gone */
  public static boolean isConnectionError(Throwable e) {
    return e instanceof JedisConnectionException || e instanceof ConnectionException
        || (e instanceof JedisDataException && String.valueOf(e.getMessage()).startsWith("LOADING"));
  }
}
