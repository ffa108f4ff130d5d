package io.kombu.core.internal.messaging;

import io.kombu.KombuException;
import io.kombu.Message;
import io.kombu.MessageState;
import io.kombu.MessageStateException;
import io.kombu.core.CompressorRegistry;
import io.kombu.core.SerializerRegistry;
import io.kombu.spi.Delivery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kombu's {@code Message}: built once from a {@link Delivery} (decompressed when the {@code compression} header names a
 * codec, failures kept in {@link #errors()}), decoded lazily and once, and settled through its channel exactly once.
 *
 * <p>Messages delivered without acknowledgement (no-ack) have nothing to settle: {@link #ack()} is silently ignored, as
 * Kombu does for no-ack consumers, and reject/requeue only change the state.
 *
 * <p>Thread-safety: the state change is atomic, so settling is safe from any thread; the channel behind it is not
 * thread-safe.
 */
public final class KombuMessage implements Message {
  private static final Logger log = LoggerFactory.getLogger(KombuMessage.class);
  private static final Object NOT_DECODED = new Object();

  private final Delivery delivery;
  private final @Nullable KombuChannel channel;
  private final boolean noAck;
  private final @Nullable List<String> accept;
  private final SerializerRegistry serializers;
  private final byte[] body;
  private final List<KombuException> errors;
  private final AtomicReference<MessageState> state = new AtomicReference<>(MessageState.RECEIVED);
  private @Nullable Object decoded = NOT_DECODED;

  /**
   * @param delivery what the transport delivered
   * @param channel the receiving channel, or null for a message that cannot be settled
   * @param noAck delivered without acknowledgement
   * @param accept accepted content types, or null for the registry's defaults
   * @param serializers decodes the body
   * @param compressors decompresses the body
   */
  public KombuMessage(
      Delivery delivery,
      @Nullable KombuChannel channel,
      boolean noAck,
      @Nullable List<String> accept,
      SerializerRegistry serializers,
      CompressorRegistry compressors) {
    this.delivery = delivery;
    this.channel = channel;
    this.noAck = noAck;
    this.accept = accept == null ? null : List.copyOf(accept);
    this.serializers = serializers;
    List<KombuException> found = new ArrayList<>(0);
    byte[] raw = delivery.body();
    Object compression = delivery.headers().get("compression");
    if (delivery.decodeError() != null) {
      found.add(delivery.decodeError());
    } else if (compression != null) {
      try {
        raw = compressors.decompress(raw, compression.toString());
      } catch (KombuException e) {
        found.add(e);
      }
    }
    this.body = raw;
    this.errors = Collections.unmodifiableList(found);
  }

  @Override
  public byte[] body() {
    return body;
  }

  @Override
  public @Nullable String contentType() {
    return delivery.contentType();
  }

  @Override
  public @Nullable String contentEncoding() {
    return delivery.contentEncoding();
  }

  @Override
  public Map<String, Object> headers() {
    return delivery.headers();
  }

  @Override
  public Map<String, Object> properties() {
    return delivery.properties();
  }

  @Override
  public Map<String, Object> deliveryInfo() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("exchange", delivery.exchange());
    info.put("routing_key", delivery.routingKey());
    info.put("consumer_tag", delivery.consumerTag());
    info.put("delivery_tag", delivery.deliveryTag());
    info.put("redelivered", delivery.redelivered());
    return Collections.unmodifiableMap(info);
  }

  @Override
  public long deliveryTag() {
    return delivery.deliveryTag();
  }

  @Override
  public String exchange() {
    return delivery.exchange();
  }

  @Override
  public String routingKey() {
    return delivery.routingKey();
  }

  @Override
  public boolean redelivered() {
    return delivery.redelivered();
  }

  @Override
  public @Nullable List<String> accept() {
    return accept;
  }

  @Override
  public List<KombuException> errors() {
    return errors;
  }

  @Override
  public MessageState state() {
    return state.get();
  }

  @Override
  public boolean isAcknowledged() {
    return state.get() != MessageState.RECEIVED;
  }

  @Override
  public @Nullable Object decode() {
    if (decoded == NOT_DECODED) {
      if (!errors.isEmpty()) {
        throw errors.get(0);
      }
      decoded = serializers.loads(body, contentType(), contentEncoding(), accept);
    }
    return decoded;
  }

  @Override
  public @Nullable Object payload() {
    return decode();
  }

  @Override
  public void ack() {
    ack(false);
  }

  @Override
  public void ack(boolean multiple) {
    KombuChannel ch = requireChannel();
    if (noAck) {
      return;
    }
    settle(MessageState.ACK, () -> ch.delegate().basicAck(delivery.deliveryTag(), multiple));
  }

  @Override
  public void reject() {
    reject(false);
  }

  @Override
  public void reject(boolean requeue) {
    KombuChannel ch = requireChannel();
    settle(MessageState.REJECTED, () -> {
      if (!noAck) {
        ch.delegate().basicReject(delivery.deliveryTag(), requeue);
      }
    });
  }

  @Override
  public void requeue() {
    KombuChannel ch = requireChannel();
    settle(MessageState.REQUEUED, () -> {
      if (!noAck) {
        ch.delegate().basicReject(delivery.deliveryTag(), true);
      }
    });
  }

  private KombuChannel requireChannel() {
    if (channel == null) {
      throw new MessageStateException("This message does not have a receiving channel");
    }
    return channel;
  }

  private void settle(MessageState target, Runnable brokerCall) {
    MessageState previous = state.get();
    if (previous != MessageState.RECEIVED || !state.compareAndSet(MessageState.RECEIVED, target)) {
      throw new MessageStateException("Message already acknowledged with state: " + state.get());
    }
    try {
      brokerCall.run();
    } catch (RuntimeException e) {
      // The broker did not take it: the message is still unsettled and may be settled again.
      state.set(MessageState.RECEIVED);
      throw e;
    }
    if (log.isDebugEnabled()) {
      log.debug("Message {} settled: {}", delivery.deliveryTag(), target);
    }
  }

  @Override
  public boolean ackLogError() {
    try {
      ack();
      return true;
    } catch (KombuException e) {
      log.error("Couldn't ack {}, reason:{}", delivery.deliveryTag(), e.toString(), e);
      return false;
    }
  }

  @Override
  public boolean rejectLogError(boolean requeue) {
    try {
      reject(requeue);
      return true;
    } catch (KombuException e) {
      log.error("Couldn't reject {}, reason:{}", delivery.deliveryTag(), e.toString(), e);
      return false;
    }
  }

  @Override
  public String toString() {
    return "Message(tag=" + delivery.deliveryTag() + ", state=" + state.get() + ", content_type=" + contentType()
        + ", " + body.length + " bytes)";
  }
}
