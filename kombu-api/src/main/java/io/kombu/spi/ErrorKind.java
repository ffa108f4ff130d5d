package io.kombu.spi;

import io.kombu.ChannelException;
import io.kombu.ConnectionException;
import io.kombu.OperationalException;

/** What an error means for retrying: drives {@code ensure}, {@code ensureConnection} and the consumer loop. */
public enum ErrorKind {
  /** The connection is gone: reconnect (maybe to the next alternate) and retry. */
  RECOVERABLE_CONNECTION,
  /** The channel is gone: open a new channel and retry. */
  RECOVERABLE_CHANNEL,
  /** Retrying will not help: report it. */
  FATAL;

  /**
   * @param error an error
   * @return its kind by Kombu exception type: connection and other operational errors are recoverable by reconnecting,
   *     channel errors by a new channel, everything else is fatal
   */
  public static ErrorKind of(Throwable error) {
    if (error instanceof ChannelException) {
      return RECOVERABLE_CHANNEL;
    }
    if (error instanceof ConnectionException || error instanceof OperationalException) {
      return RECOVERABLE_CONNECTION;
    }
    return FATAL;
  }
}
