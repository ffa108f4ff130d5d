package io.kombu.transport.mongo.internal;

import com.mongodb.MongoClientException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoIncompatibleDriverException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoQueryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.KombuException;
import io.kombu.UncategorizedKombuException;
import io.kombu.VersionMismatchException;
import org.jspecify.annotations.Nullable;

/**
 * Translates MongoDB driver exceptions into Kombu's exception tree, in one place (Kombu's {@code connection_errors}
 * and {@code channel_errors} of the MongoDB transport: pymongo's {@code ConnectionFailure} is a connection error, {@code
 * OperationFailure} a channel error). The cause is always kept; the password never appears in a message.
 *
 * <p>Thread-safety: stateless; thread-safe.
 */
public final class MongoErrors {
  private MongoErrors() {}

  /**
   * @param e a driver exception (or a Kombu exception, returned unchanged)
   * @param what the operation that failed, e.g. {@code "get from queue 'q'"}
   * @param password the password to keep out of the message, or null
   * @return the Kombu exception to throw
   */
  public static KombuException translate(RuntimeException e, String what, @Nullable String password) {
    if (e instanceof KombuException) {
      return (KombuException) e;
    }
    String detail = MongoSettings.scrub(e.getMessage(), password);
    if (e instanceof MongoIncompatibleDriverException) {
      return new VersionMismatchException("MongoDB " + what + " failed: the server is too old for the MongoDB Java "
          + "driver (" + detail + "); use MongoDB 4.0 or newer", e);
    }
    if (e instanceof MongoSocketException || e instanceof MongoTimeoutException
        || e instanceof MongoInterruptedException || e instanceof MongoNotPrimaryException
        || e instanceof MongoNodeIsRecoveringException || e instanceof MongoSecurityException) {
      return new ConnectionException("MongoDB " + what + " failed: " + detail
          + "; check that the server is running and reachable and that the credentials are right", e);
    }
    if (e instanceof IllegalStateException && detail.contains("state should be: open")) {
      return new ConnectionException("MongoDB " + what + " failed: the client is closed; reconnect", e);
    }
    if (e instanceof MongoCommandException || e instanceof MongoWriteException
        || e instanceof MongoWriteConcernException || e instanceof MongoQueryException) {
      return new ChannelException("MongoDB " + what + " failed: " + detail, e);
    }
    if (e instanceof MongoClientException) {
      return new ConnectionException("MongoDB " + what + " failed: " + detail, e);
    }
    if (e instanceof MongoException) {
      return new UncategorizedKombuException("MongoDB " + what + " failed: " + detail, e);
    }
    return new UncategorizedKombuException("MongoDB " + what + " failed: " + e.getClass().getSimpleName() + ": "
        + detail, e);
  }
}
