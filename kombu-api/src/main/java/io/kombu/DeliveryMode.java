package io.kombu;

/**
 * Whether the broker keeps a message on disk. Kombu accepts the names {@code transient}/{@code persistent} or the AMQP numbers
 * 1/2; a publish with no mode takes the exchange's, else {@link #PERSISTENT}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public enum DeliveryMode {
  /** AMQP delivery mode 1: kept in memory only. */
  TRANSIENT(1),
  /** AMQP delivery mode 2: written to disk by brokers that persist. */
  PERSISTENT(2);

  private final int value;

  DeliveryMode(int value) {
    this.value = value;
  }

  /** @return the AMQP number, 1 or 2 */
  public int value() {
    return value;
  }

  /**
   * @param value 1 or 2
   * @return the matching mode
   * @throws IllegalArgumentException for any other number
   */
  public static DeliveryMode of(int value) {
    if (value == 1) {
      return TRANSIENT;
    }
    if (value == 2) {
      return PERSISTENT;
    }
    throw new IllegalArgumentException("delivery mode must be 1 (transient) or 2 (persistent), was " + value);
  }
}
