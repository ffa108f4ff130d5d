package io.kombu;

/**
 * A message the broker returned as unroutable. The message has no receiving channel: settling it throws
 * {@link MessageStateException}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param replyCode AMQP reply code, e.g. 312 NO_ROUTE
 * @param replyText the broker's text
 * @param exchange the exchange it was published to
 * @param routingKey the routing key it was published with
 * @param message the message itself
 */
public record ReturnedMessage(int replyCode, String replyText, String exchange, String routingKey, Message message) {}
