package io.kombu.core.virtual;

import io.kombu.KombuException;

/**
 * An AMQP operation that the virtual emulation cannot offer (Kombu raises {@code NotImplementedError}): exchange-to-exchange
 * bindings, channel flow control, {@code basic.recover} without requeue. The message names the alternative.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public final class VirtualTransportUnsupportedException extends KombuException {
  /** @param message what is not supported and what to do instead */
  public VirtualTransportUnsupportedException(String message) {
    super(message);
  }
}
