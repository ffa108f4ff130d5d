package io.kombu.testkit;

/**
 * The result of probing a test broker.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param broker the broker name, e.g. {@code redis}
 * @param maskedUrl the URL probed, password masked
 * @param reachable whether it answered as the broker should
 * @param detail why not, or what answered
 */
public record BrokerAvailability(String broker, String maskedUrl, boolean reachable, String detail) {
  static BrokerAvailability reachable(String broker, String maskedUrl, String detail) {
    return new BrokerAvailability(broker, maskedUrl, true, detail);
  }

  static BrokerAvailability unreachable(String broker, String maskedUrl, String detail) {
    return new BrokerAvailability(broker, maskedUrl, false, detail);
  }

  /** @return e.g. {@code redis at redis://localhost:6379/15 is not reachable: Connection refused} */
  public String describe() {
    return broker + " at " + maskedUrl + (reachable ? " is reachable (" + detail + ")" : " is not reachable: " + detail);
  }
}
