package io.kombu;

/** Receives messages the broker returned because a {@code mandatory} publish could not be routed (AMQP {@code basic.return}). */
@FunctionalInterface
public interface ReturnListener {
  /** @param returned the returned message and the broker's reason */
  void onReturn(ReturnedMessage returned);
}
