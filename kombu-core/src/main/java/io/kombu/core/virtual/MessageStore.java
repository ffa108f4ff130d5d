package io.kombu.core.virtual;

import io.kombu.ExchangeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The storage contract a virtual transport implements (Kombu's {@code _get}, {@code _put}, {@code _size}, {@code _purge},
 * {@code _delete}, {@code _new_queue}, {@code _has_queue}, {@code _put_fanout}, {@code _queue_bind}, {@code get_table}).
 * The engine owns routing, delivery tags, prefetch and the unacknowledged list; a store only keeps messages, so a new
 * broker family needs only this interface plus a {@link VirtualTransport} subclass.
 *
 * <p>Lifecycle: {@link VirtualTransport#openStore()} is called once per connection; the engine calls {@link #close()}
 * when that connection closes. A transport may hand every connection the same shared instance (memory does).
 *
 * <p>At-least-once: a consumed message lives only in the channel's unacknowledged list until it is settled. The engine
 * calls {@link #recordUnacked} when it hands out a message that needs an ack, then exactly one of {@link #ack} (ack), {@link #reject}
 * (reject without requeue), {@link #requeue} (reject with requeue) or {@link #restore} (channel closed or recovered with
 * the message unacked). Stores that can keep unacked state server-side (Redis ack emulation, SQS receipt handles)
 * override these; the defaults suit stores whose get removes the message for good.
 *
 * <p>Thread-safety: each implementation states its own. The engine calls one instance from the threads that use its
 * connection (one at a time per channel); an instance shared between connections must be thread-safe.
 */
public interface MessageStore extends AutoCloseable {
  /**
   * Stores a message at the back of a queue; the store applies its own priority rule ({@link Envelope#priority()}).
   *
   * @param queue queue name (may never have been declared: the default exchange routes to any name)
   * @param envelope the message
   */
  void put(String queue, Envelope envelope);

  /**
   * Stores several messages at the back of a queue, in order (a batch publish). A store that can pipeline (Redis: one
   * pipeline of LPUSHes, one per priority bucket) overrides this; the default calls {@link #put} for each. Atomicity is
   * not promised.
   *
   * @param queue queue name
   * @param envelopes the messages, oldest first
   */
  default void putAll(String queue, List<Envelope> envelopes) {
    for (Envelope envelope : envelopes) {
      put(queue, envelope);
    }
  }

  /**
   * Takes the next message of a queue without waiting.
   *
   * @param queue queue name
   * @return the message, or null when the queue is empty or unknown
   */
  @Nullable Envelope get(String queue);

  /** @param queue queue name @return ready messages (0 for an unknown queue) */
  long size(String queue);

  /** @param queue queue name @return how many messages were removed */
  long purge(String queue);

  /**
   * Deletes a queue and its messages. The engine has already called {@link #unbind} for every binding it knows.
   *
   * @param queue queue name
   */
  default void delete(String queue) {
    purge(queue);
  }

  /**
   * Creates a queue, when the store has such a notion (Kombu's {@code _new_queue}).
   *
   * @param queue queue name
   * @param arguments the declaration's x-arguments
   */
  default void newQueue(String queue, Map<String, Object> arguments) {}

  /**
   * Creates a queue with the declaration's flags, for stores that record them (MongoDB's {@code messages.queues}
   * documents hold Kombu's {@code queue_declare} keyword arguments). The default ignores the flags and calls {@link
   * #newQueue(String, Map)}.
   *
   * @param queue queue name
   * @param durable the declaration's durable flag
   * @param exclusive the declaration's exclusive flag
   * @param autoDelete the declaration's auto-delete flag
   * @param arguments the declaration's x-arguments
   */
  default void newQueue(
      String queue, boolean durable, boolean exclusive, boolean autoDelete, Map<String, Object> arguments) {
    newQueue(queue, arguments);
  }

  /**
   * @param queue queue name
   * @return whether it exists; passive declares of a missing queue fail with 404
   */
  default boolean hasQueue(String queue) {
    return true;
  }

  /**
   * @return whether {@link #poll} can wait for messages; then the engine blocks in it instead of sleeping {@code
   *     polling_interval} between empty polls
   */
  default boolean supportsBlockingPoll() {
    return false;
  }

  /**
   * Waits until one of the queues has a message and takes it (Redis: {@code BRPOP}). Called only when {@link
   * #supportsBlockingPoll()} is true.
   *
   * @param queues queues to watch, in the engine's fair order (earlier ones are preferred)
   * @param maxWait the longest to wait
   * @return the message and its queue, or null when nothing arrived in time
   */
  default @Nullable PolledMessage poll(List<String> queues, Duration maxWait) {
    for (String q : queues) {
      Envelope e = get(q);
      if (e != null) {
        return new PolledMessage(q, e);
      }
    }
    return null;
  }

  /**
   * Takes the next message of a queue without waiting and, when {@code ackRequired}, records it as unacknowledged in the
   * same step. A store that can do both atomically (Redis: one Lua script pops and writes {@code unacked}, so a crash
   * between the two cannot lose the message) overrides this and {@link #recordsUnackedOnTake()}; the default is {@link
   * #get(String)}, and the engine then calls {@link #recordUnacked}.
   *
   * @param queue queue name
   * @param ackRequired whether the message goes to a consumer or {@code basicGet} that must acknowledge it
   * @return the message, or null when the queue is empty or unknown
   */
  default @Nullable Envelope get(String queue, boolean ackRequired) {
    return get(queue);
  }

  /**
   * {@link #get(String, boolean)} with a hint of how many messages the consumer could take right now (its prefetch room),
   * so a store that receives in batches (SQS: up to 10 per {@code ReceiveMessage}) fetches no more than will be delivered
   * soon. The engine's {@code basicGet} never calls this (one message at a time); consumers do.
   *
   * @param queue queue name
   * @param ackRequired whether the consumer must acknowledge
   * @param maxMessages at least 1; {@link Integer#MAX_VALUE} when prefetch is unlimited
   * @return the message, or null when the queue is empty or unknown
   */
  default @Nullable Envelope get(String queue, boolean ackRequired, int maxMessages) {
    return get(queue, ackRequired);
  }

  /**
   * How many messages the engine may take from a queue in one {@link #getBatch} call for a consumer that must ack and
   * has prefetch room for more than one. The default, 1, keeps one message per get; a store whose batch get is one
   * round trip (Redis) returns more, and the engine then buffers the batch in the channel, counts every message against
   * the prefetch limit as delivered and restores the undelivered ones when the consumer is cancelled or the channel
   * closes.
   *
   * @return at least 1
   */
  default int batchGetLimit() {
    return 1;
  }

  /**
   * Takes up to {@code max} messages of a queue without waiting, recording them as unacknowledged in the same step when
   * {@code ackRequired} and {@link #recordsUnackedOnTake()} (Redis: one Lua script). The default takes them with up to
   * {@code max} calls of {@link #get(String, boolean, int)}.
   *
   * @param queue queue name
   * @param max at least 1
   * @param ackRequired whether the consumer must acknowledge
   * @return the messages in delivery order, empty when the queue is empty or unknown
   */
  default List<Envelope> getBatch(String queue, int max, boolean ackRequired) {
    List<Envelope> out = new ArrayList<>(Math.min(max, 16));
    for (int i = 0; i < max; i++) {
      Envelope e = get(queue, ackRequired, max - i);
      if (e == null) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  /**
   * {@link #poll(List, Duration, Predicate)} with each queue's prefetch room (see {@link #get(String, boolean, int)}).
   *
   * @param queues queues to watch, in the engine's fair order
   * @param maxWait the longest to wait
   * @param ackRequired tells, per queue, whether its consumer must acknowledge
   * @param maxMessages tells, per queue, how many messages its consumer could take now (at least 1)
   * @return the message and its queue, or null when nothing arrived in time
   */
  default @Nullable PolledMessage poll(
      List<String> queues, Duration maxWait, Predicate<String> ackRequired, ToIntFunction<String> maxMessages) {
    return poll(queues, maxWait, ackRequired);
  }

  /**
   * {@link #poll(List, Duration)} for stores that record unacknowledged messages as they take them (see {@link
   * #get(String, boolean)}).
   *
   * @param queues queues to watch, in the engine's fair order
   * @param maxWait the longest to wait
   * @param ackRequired tells, per queue, whether its consumer must acknowledge
   * @return the message and its queue, or null when nothing arrived in time
   */
  default @Nullable PolledMessage poll(List<String> queues, Duration maxWait, Predicate<String> ackRequired) {
    return poll(queues, maxWait);
  }

  /**
   * @return whether {@link #get(String, boolean)} and {@link #poll(List, Duration, Predicate)} record unacknowledged
   *     messages themselves, so that the engine does not call {@link #recordUnacked} for the messages they return
   */
  default boolean recordsUnackedOnTake() {
    return false;
  }

  /**
   * Told that a message was handed to a consumer or {@code basicGet} that must ack it (Kombu's {@code QoS.append};
   * Redis records it in {@code unacked}).
   *
   * @param queue the queue it was taken from
   * @param envelope the message
   */
  default void recordUnacked(String queue, Envelope envelope) {}

  /**
   * Settles a message for good: acknowledged, or rejected without requeue.
   *
   * @param queue the queue it was taken from
   * @param envelope the message
   */
  default void ack(String queue, Envelope envelope) {}

  /**
   * Settles a message rejected without requeue. The default is {@link #ack}; SQS overrides it to leave the message to its
   * queue's visibility timeout and redrive policy, as Kombu does.
   *
   * @param queue the queue it was taken from
   * @param envelope the message
   */
  default void reject(String queue, Envelope envelope) {
    ack(queue, envelope);
  }

  /**
   * Puts a rejected message back for redelivery (reject with requeue). The default puts it at the back of the queue it
   * came from, marked redelivered.
   *
   * @param queue the queue it was taken from (never re-routed: a requeue must not copy it into other queues)
   * @param envelope the message
   */
  default void requeue(String queue, Envelope envelope) {
    put(queue, envelope.withRedelivered());
  }

  /**
   * Puts an unacknowledged message back because its channel closed or recovered. The engine restores newest first, so a
   * store that can put at the front (memory) keeps the original order; the default puts at the back, as Kombu does.
   *
   * @param queue the queue it was taken from
   * @param envelope the message
   */
  default void restore(String queue, Envelope envelope) {
    put(queue, envelope.withRedelivered());
  }

  /**
   * @return false while the store cannot reach its broker but keeps retrying by itself (see
   *     {@link io.kombu.spi.TransportConnection#isBrokerReachable()}); stores that fail instead keep the default, true
   */
  default boolean isReachable() {
    return true;
  }

  /**
   * @return whether fanout exchanges deliver; when false, messages published to a fanout exchange are dropped (Kombu's
   *     base channel)
   */
  default boolean supportsFanout() {
    return false;
  }

  /**
   * Delivers a fanout message (Redis: {@code PUBLISH}; MongoDB: the broadcast collection; SQS: SNS). The default puts a
   * copy into every bound queue.
   *
   * @param exchange the fanout exchange
   * @param routingKey the routing key
   * @param envelope the message
   * @param queues the queues bound to the exchange, as the engine looked them up
   */
  default void putFanout(String exchange, String routingKey, Envelope envelope, Collection<String> queues) {
    for (String q : queues) {
      put(q, envelope);
    }
  }

  /**
   * Persists a binding where other processes can see it (Redis binding sets, MongoDB routing documents). The exchange
   * type lets a store prepare fanout delivery (Redis subscribes consumers of fanout-bound queues to pub/sub).
   *
   * @param exchange the exchange
   * @param type the exchange's type
   * @param row the table row
   */
  default void bind(String exchange, ExchangeType type, BindingRow row) {}

  /**
   * Removes a binding persisted by {@link #bind}.
   *
   * @param exchange the exchange
   * @param row the table row
   */
  default void unbind(String exchange, BindingRow row) {}

  /**
   * @param exchange an exchange
   * @return the bindings persisted in the store, which the engine adds to its local table when routing, or null when the
   *     store keeps none
   */
  default @Nullable List<BindingRow> bindings(String exchange) {
    return null;
  }

  /** Releases what this instance holds (a no-op for a shared store). */
  @Override
  default void close() {}
}
