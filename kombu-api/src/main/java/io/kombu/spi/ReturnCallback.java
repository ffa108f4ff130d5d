package io.kombu.spi;

/** Receives messages the broker returned as unroutable. */
@FunctionalInterface
public interface ReturnCallback {
  /**
   * @param replyCode AMQP reply code
   * @param replyText broker text
   * @param exchange exchange
   * @param routingKey routing key
   * @param message the returned message
   */
  void onReturn(int replyCode, String replyText, String exchange, String routingKey, Delivery message);
}
