package io.kombu.spi;

/**
 * One Kombu connection's view of a broker: it opens broker connections (again after a failure) and classifies errors so
 * that core knows what to retry.
 *
 * <p>Thread-safety: implementations must allow {@link #close()} from any thread; otherwise used by one thread at a time.
 */
public interface Transport extends AutoCloseable {
  /**
   * Opens a broker connection.
   *
   * @return the connection
   * @throws io.kombu.ConnectionException when the broker cannot be reached (recoverable)
   */
  TransportConnection connect();

  /**
   * Says whether an error may go away on retry. The default reads the Kombu exception type; transports override it for
   * driver exceptions that escaped translation.
   *
   * @param error an error raised by this transport
   * @return its kind
   */
  default ErrorKind classify(Throwable error) {
    return ErrorKind.of(error);
  }

  /** @return what it can do */
  TransportCapabilities capabilities();

  /** Releases shared resources (client pools, threads). Closing twice does nothing. */
  @Override
  void close();
}
