package io.kombu.transport.mongo;

import io.kombu.KombuException;

/**
 * A message was published to a fanout exchange, but this MongoDB server cannot carry fanout: the broadcast collection
 * is not a capped collection (the server refused to create one, as in-memory stand-ins such as mongo-java-server do, or
 * someone created it as a plain collection). Fanout needs a capped collection and a tailable cursor. Retrying does not
 * help; use a real MongoDB server, or drop and let Kombu recreate the broadcast collection.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public final class FanoutUnavailableException extends KombuException {
  /** @param message what happened and what to do */
  public FanoutUnavailableException(String message) {
    super(message);
  }
}
