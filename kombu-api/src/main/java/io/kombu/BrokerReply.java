package io.kombu;

/** An error that carries the broker's AMQP reply code. Virtual transports use the same codes for the same situations. */
public interface BrokerReply {
  /** AMQP 0-9-1 reply code: 404 NOT_FOUND and 406 PRECONDITION_FAILED are the common ones; 0 when none was given. */
  int replyCode();
}
