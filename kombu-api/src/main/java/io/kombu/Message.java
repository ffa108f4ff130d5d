package io.kombu;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A received message: its raw body, content type and encoding, headers, properties and delivery info, and the means to
 * settle it. It moves from {@link MessageState#RECEIVED} to exactly one of ack, rejected or requeued; a second settle throws
 * {@link MessageStateException} ("Message already acknowledged with state: ACK").
 *
 * <p>The body is already decompressed when the {@code compression} header named a codec; a decompression failure is kept in
 * {@link #errors()} rather than thrown, and the consumer routes it to its {@link DecodeErrorHandler}.
 *
 * <p>Thread-safety: settling is safe from any thread (the state change is atomic), but the channel behind it is not
 * thread-safe, so settle on the thread that drains events unless the transport documents otherwise.
 */
public interface Message {
  /** @return the raw (decompressed) body bytes; do not modify */
  byte[] body();

  /** @return the body's content type, e.g. {@code application/json}, or null when the sender gave none */
  @Nullable String contentType();

  /** @return the body's content encoding, e.g. {@code utf-8} or {@code binary}, or null */
  @Nullable String contentEncoding();

  /** @return application headers (the {@code compression} header included), never null */
  Map<String, Object> headers();

  /** @return message properties by AMQP name ({@code delivery_mode}, {@code priority}, {@code correlation_id}, ...) */
  Map<String, Object> properties();

  /** @return how it was delivered: {@code exchange}, {@code routing_key}, {@code consumer_tag}, {@code redelivered}, ... */
  Map<String, Object> deliveryInfo();

  /** @return the channel-scoped delivery tag used to settle it */
  long deliveryTag();

  /** @return the exchange it was published to ({@code ""} for the default exchange) */
  String exchange();

  /** @return the routing key it was published with */
  String routingKey();

  /** @return whether the broker delivered it before (after a requeue, restore or reconnect) */
  boolean redelivered();

  /** @return the content types this message may be decoded from, or null for the registry's defaults */
  @Nullable List<String> accept();

  /** @return errors recorded while building the message (decompression), empty when none */
  List<KombuException> errors();

  /** @return the current state */
  MessageState state();

  /** @return true once acked, rejected or requeued */
  boolean isAcknowledged();

  /**
   * Decodes the body by its content type, honouring {@link #accept()}; the result is memoised.
   *
   * @return the decoded value: Map, List, String, Number, Boolean, byte[] or null
   * @throws DecodeException when the body cannot be decoded or decompressed
   * @throws ContentDisallowedException when the content type is not accepted
   */
  @Nullable Object decode();

  /** @return the same as {@link #decode()} (Kombu's {@code payload}) */
  @Nullable Object payload();

  /** Acknowledges this message. @throws MessageStateException when already settled or not from a channel */
  void ack();

  /**
   * @param multiple also acknowledge every earlier unacked message of the channel (AMQP only; virtual transports ack one)
   * @throws MessageStateException when already settled or not from a channel
   */
  void ack(boolean multiple);

  /** Rejects this message without requeue: it is dropped or dead-lettered. @throws MessageStateException when settled */
  void reject();

  /**
   * @param requeue put it back in the queue; the state still becomes {@link MessageState#REJECTED}, as in Kombu
   * @throws MessageStateException when already settled or not from a channel
   */
  void reject(boolean requeue);

  /** Puts the message back in its queue for redelivery. @throws MessageStateException when settled */
  void requeue();

  /**
   * Acknowledges, logging instead of throwing a {@link KombuException} (Kombu's {@code ack_log_error}).
   *
   * @return true when the ack went through
   */
  boolean ackLogError();

  /**
   * Rejects, logging instead of throwing a {@link KombuException} (Kombu's {@code reject_log_error}).
   *
   * @param requeue put it back in the queue
   * @return true when the reject went through
   */
  boolean rejectLogError(boolean requeue);
}
