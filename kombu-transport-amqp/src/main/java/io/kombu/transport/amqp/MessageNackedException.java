package io.kombu.transport.amqp;

import io.kombu.OperationalException;

/**
 * The broker negatively acknowledged a published message (publisher confirms, {@code confirm_publish=true}): it could
 * not take responsibility for it. Recoverable, like py-amqp's {@code MessageNacked}: publishing again may succeed.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public class MessageNackedException extends OperationalException {
  /** @param message what happened and what to do next */
  public MessageNackedException(String message) {
    super(message);
  }
}
