package io.kombu.transport.sqs.internal;

import io.kombu.core.virtual.Envelope;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.PolledMessage;
import io.kombu.core.virtual.VirtualTransportUnsupportedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.PurgeQueueInProgressException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Kombu's SQS {@code Channel} storage: {@code SendMessage} to put, {@code ReceiveMessage} (up to 10 at a time, long
 * polling) to get, {@code DeleteMessage} to ack, {@code ChangeMessageVisibility} to requeue. A received message stays
 * on the broker, invisible, until it is acked; its receipt handle travels in the envelope ({@code
 * properties.delivery_tag}, {@code delivery_info.sqs_message}, {@code delivery_info.sqs_queue}) exactly as Kombu keeps it.
 *
 * <p>Messages received in a batch beyond the first wait in a per-queue buffer of this connection until the engine asks
 * for them; the batch size never exceeds the consumer's prefetch room, and {@link #close()} makes leftovers visible
 * again at once.
 *
 * <p>Thread-safety: thread-safe; one connection uses it, and close may come from another thread.
 */
final class SqsMessageStore implements MessageStore {
  private static final Logger log = LoggerFactory.getLogger(SqsMessageStore.class);
  private static final int MAX_BATCH = 10;
  private static final long MAX_BATCH_BYTES = 256 * 1024;
  private static final String SQS_MESSAGE = "sqs_message";
  private static final String SQS_QUEUE = "sqs_queue";

  private final SqsTransport transport;
  private final SqsClient client;
  private final SqsSettings settings;
  private final Map<String, ArrayDeque<Received>> buffers = new HashMap<>();
  private int longPollTurn;

  private record Received(String url, Message message) {}

  SqsMessageStore(SqsTransport transport, SqsClient client) {
    this.transport = transport;
    this.client = client;
    this.settings = transport.settings();
  }

  // ------------------------------------------------------------------------------------------------ put

  @Override
  public void put(String queue, Envelope envelope) {
    String url = urlOrCreate(queue);
    SendMessageRequest request = sendRequest(queue, url, envelope);
    try {
      client.sendMessage(request);
    } catch (QueueDoesNotExistException e) {
      // Deleted behind our back: Kombu would find it missing on its next lookup and create it again.
      transport.forget(queue);
      String fresh = urlOrCreate(queue);
      try {
        client.sendMessage(request.toBuilder().queueUrl(fresh).build());
      } catch (SdkException again) {
        throw SqsErrors.translate(again, "SendMessage", queue);
      }
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "SendMessage", queue);
    }
  }

  /** {@code SendMessageBatch} in chunks of 10 entries and at most 256 KiB; failed entries are re-sent one by one. */
  @Override
  public void putAll(String queue, List<Envelope> envelopes) {
    String url = urlOrCreate(queue);
    List<SendMessageRequest> requests = new ArrayList<>(envelopes.size());
    for (Envelope e : envelopes) {
      requests.add(sendRequest(queue, url, e));
    }
    int from = 0;
    while (from < requests.size()) {
      int to = from;
      long bytes = 0;
      while (to < requests.size() && to - from < MAX_BATCH) {
        long size = requests.get(to).messageBody().length();
        if (to > from && bytes + size > MAX_BATCH_BYTES) {
          break;
        }
        bytes += size;
        to++;
      }
      sendBatch(queue, url, requests.subList(from, to));
      from = to;
    }
  }

  private void sendBatch(String queue, String url, List<SendMessageRequest> chunk) {
    if (chunk.size() == 1) {
      sendOne(queue, chunk.get(0));
      return;
    }
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
    for (int i = 0; i < chunk.size(); i++) {
      SendMessageRequest r = chunk.get(i);
      entries.add(SendMessageBatchRequestEntry.builder()
          .id(Integer.toString(i))
          .messageBody(r.messageBody())
          .messageAttributes(r.messageAttributes())
          .messageGroupId(r.messageGroupId())
          .messageDeduplicationId(r.messageDeduplicationId())
          .delaySeconds(r.delaySeconds())
          .build());
    }
    SendMessageBatchResponse response;
    try {
      response = client.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "SendMessageBatch", queue);
    }
    for (BatchResultErrorEntry failed : response.failed()) {
      log.debug("SendMessageBatch entry {} failed ({}); sending it alone", failed.id(), failed.code());
      sendOne(queue, chunk.get(Integer.parseInt(failed.id())));
    }
  }

  private void sendOne(String queue, SendMessageRequest request) {
    try {
      client.sendMessage(request);
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "SendMessage", queue);
    }
  }

  private String urlOrCreate(String queue) {
    String url = transport.queueUrl(queue, true);
    if (url == null) {
      throw new IllegalStateException("queue URL lookup with create=true returned nothing for " + queue);
    }
    return url;
  }

  private SendMessageRequest sendRequest(String queue, String url, Envelope envelope) {
    Map<String, Object> props = envelope.properties();
    SendMessageRequest.Builder b = SendMessageRequest.builder()
        .queueUrl(url)
        .messageBody(BodyCodec.encode(BodyCodec.sendableMap(envelope), settings.base64()));
    Object attributes = props.get("message_attributes");
    if (attributes instanceof Map<?, ?> m && !m.isEmpty()) {
      b.messageAttributes(messageAttributes(m));
    }
    if (QueueNames.isFifo(queue)) {
      Object group = props.get("MessageGroupId");
      Object dedup = props.get("MessageDeduplicationId");
      b.messageGroupId(group == null ? "default" : group.toString());
      b.messageDeduplicationId(dedup == null ? UUID.randomUUID().toString() : dedup.toString());
    } else {
      Object group = props.get("MessageGroupId");
      if (group != null) {
        b.messageGroupId(group.toString());
      }
      Object delay = props.get("DelaySeconds");
      if (delay != null) {
        b.delaySeconds(delay instanceof Number n ? n.intValue() : Integer.parseInt(delay.toString().trim()));
      }
    }
    return b.build();
  }

  /** Kombu passes {@code message_attributes} to boto3 as they are: {name: {DataType, StringValue|BinaryValue}}. */
  private static Map<String, MessageAttributeValue> messageAttributes(Map<?, ?> raw) {
    Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      MessageAttributeValue.Builder a = MessageAttributeValue.builder();
      if (v instanceof Map<?, ?> spec) {
        Object type = spec.get("DataType");
        a.dataType(type == null ? "String" : type.toString());
        Object s = spec.get("StringValue");
        Object bin = spec.get("BinaryValue");
        if (s != null) {
          a.stringValue(s.toString());
        }
        if (bin instanceof byte[] bytes) {
          a.binaryValue(SdkBytes.fromByteArray(bytes));
        } else if (bin != null) {
          a.binaryValue(SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(bin.toString())));
        }
      } else {
        a.dataType(v instanceof Number ? "Number" : "String").stringValue(String.valueOf(v));
      }
      out.put(String.valueOf(k), a.build());
    });
    return out;
  }

  @Override
  public boolean supportsFanout() {
    // Claimed so that a fanout publish reaches putFanout and fails loudly instead of being dropped in silence.
    return true;
  }

  @Override
  public void putFanout(String exchange, String routingKey, Envelope envelope, Collection<String> queues) {
    throw new VirtualTransportUnsupportedException("cannot publish to fanout exchange '" + exchange + "': SQS has no "
        + "fanout without SNS, and the Java SQS transport does not implement SNS fanout (Kombu's supports_fanout); "
        + "bind each queue to a direct or topic exchange, or use an AMQP or Redis broker");
  }

  // ------------------------------------------------------------------------------------------------ get

  @Override
  public @Nullable Envelope get(String queue) {
    return get(queue, true, 1);
  }

  @Override
  public @Nullable Envelope get(String queue, boolean ackRequired) {
    return get(queue, ackRequired, 1);
  }

  @Override
  public @Nullable Envelope get(String queue, boolean ackRequired, int maxMessages) {
    Received r = takeBuffered(queue);
    if (r == null) {
      String url = transport.queueUrl(queue, false);
      if (url == null) {
        return null;
      }
      r = receive(queue, url, maxMessages, 0);
      if (r == null) {
        return null;
      }
    }
    return handOut(queue, r, ackRequired);
  }

  @Override
  public int batchGetLimit() {
    return MAX_BATCH;
  }

  /** One {@code ReceiveMessage} of up to {@code max} (at most 10), after any messages a long poll left over. */
  @Override
  public List<Envelope> getBatch(String queue, int max, boolean ackRequired) {
    List<Envelope> out = new ArrayList<>();
    Received r;
    while (out.size() < max && (r = takeBuffered(queue)) != null) {
      out.add(handOut(queue, r, ackRequired));
    }
    if (!out.isEmpty()) {
      return out;
    }
    String url = transport.queueUrl(queue, false);
    if (url == null) {
      return out;
    }
    for (Message m : receiveAll(queue, url, max, 0)) {
      out.add(handOut(queue, new Received(url, m), ackRequired));
    }
    return out;
  }

  @Override
  public boolean supportsBlockingPoll() {
    return settings.waitTimeSeconds() > 0;
  }

  @Override
  public @Nullable PolledMessage poll(List<String> queues, Duration maxWait) {
    return poll(queues, maxWait, q -> true, q -> 1);
  }

  @Override
  public @Nullable PolledMessage poll(List<String> queues, Duration maxWait, Predicate<String> ackRequired) {
    return poll(queues, maxWait, ackRequired, q -> 1);
  }

  @Override
  public @Nullable PolledMessage poll(
      List<String> queues, Duration maxWait, Predicate<String> ackRequired, ToIntFunction<String> maxMessages) {
    for (String q : queues) {
      Received r = takeBuffered(q);
      if (r != null) {
        return new PolledMessage(q, handOut(q, r, ackRequired.test(q)));
      }
    }
    List<String> present = new ArrayList<>(queues.size());
    List<String> urls = new ArrayList<>(queues.size());
    for (String q : queues) {
      String url = transport.queueUrl(q, false);
      if (url != null) {
        present.add(q);
        urls.add(url);
      }
    }
    int waitSeconds = (int) Math.min(settings.waitTimeSeconds(), maxWait.toSeconds());
    if (!present.isEmpty()) {
      if (present.size() > 1 || waitSeconds == 0) {
        // SQS long-polls one queue per call: look at every queue once without waiting first.
        for (int i = 0; i < present.size(); i++) {
          Received r = receive(present.get(i), urls.get(i), maxMessages.applyAsInt(present.get(i)), 0);
          if (r != null) {
            return new PolledMessage(present.get(i), handOut(present.get(i), r, ackRequired.test(present.get(i))));
          }
        }
      }
      if (waitSeconds > 0) {
        int i = present.size() == 1 ? 0 : Math.floorMod(longPollTurn++, present.size());
        String q = present.get(i);
        Received r = receive(q, urls.get(i), maxMessages.applyAsInt(q), waitSeconds);
        return r == null ? null : new PolledMessage(q, handOut(q, r, ackRequired.test(q)));
      }
    }
    pause(maxWait);
    return null;
  }

  /** Less than a second left (SQS waits whole seconds): rest instead of polling in a tight loop. */
  private static void pause(Duration d) {
    try {
      Thread.sleep(Math.max(1, Math.min(d.toMillis(), 1000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private @Nullable Received receive(String queue, String url, int maxMessages, int waitSeconds) {
    List<Message> messages = receiveAll(queue, url, maxMessages, waitSeconds);
    if (messages.isEmpty()) {
      return null;
    }
    if (messages.size() > 1) {
      synchronized (buffers) {
        ArrayDeque<Received> buffer = buffers.computeIfAbsent(queue, k -> new ArrayDeque<>());
        for (Message m : messages.subList(1, messages.size())) {
          buffer.addLast(new Received(url, m));
        }
      }
    }
    return new Received(url, messages.get(0));
  }

  private List<Message> receiveAll(String queue, String url, int maxMessages, int waitSeconds) {
    int n = Math.max(1, Math.min(MAX_BATCH, maxMessages));
    try {
      return client.receiveMessage(r -> r.queueUrl(url)
              .maxNumberOfMessages(n)
              .waitTimeSeconds(waitSeconds)
              .messageSystemAttributeNamesWithStrings(settings.systemAttributeNames())
              .messageAttributeNames(settings.messageAttributeNames()))
          .messages();
    } catch (QueueDoesNotExistException e) {
      transport.forget(queue);
      return List.of();
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "ReceiveMessage", queue);
    }
  }

  private @Nullable Received takeBuffered(String queue) {
    synchronized (buffers) {
      ArrayDeque<Received> buffer = buffers.get(queue);
      return buffer == null ? null : buffer.pollFirst();
    }
  }

  private int buffered(String queue) {
    synchronized (buffers) {
      ArrayDeque<Received> buffer = buffers.get(queue);
      return buffer == null ? 0 : buffer.size();
    }
  }

  private @Nullable ArrayDeque<Received> dropBuffer(String queue) {
    synchronized (buffers) {
      return buffers.remove(queue);
    }
  }

  /** Kombu's {@code _message_to_python}, and for no-ack consumers the immediate {@code DeleteMessage}. */
  private Envelope handOut(String queue, Received r, boolean ackRequired) {
    Message m = r.message();
    Map<String, Object> payload = BodyCodec.decode(m.body());
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) payload.get("properties");
    @SuppressWarnings("unchecked")
    Map<String, Object> info = (Map<String, Object>) props.get("delivery_info");
    if (ackRequired) {
      info.put(SQS_MESSAGE, describe(m));
      info.put(SQS_QUEUE, r.url());
    } else {
      deleteMessage(queue, r.url(), m.receiptHandle());
    }
    props.put("delivery_tag", m.receiptHandle());
    Envelope envelope = Envelope.fromMap(payload);
    String count = m.attributesAsStrings().get("ApproximateReceiveCount");
    if (count != null && !count.equals("1") && !count.equals("0")) {
      envelope = envelope.withRedelivered();
    }
    log.debug("received {} from {}", envelope, queue);
    return envelope;
  }

  private static Map<String, Object> describe(Message m) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("MessageId", m.messageId());
    d.put("ReceiptHandle", m.receiptHandle());
    d.put("MD5OfBody", m.md5OfBody());
    d.put("Attributes", new LinkedHashMap<>(m.attributesAsStrings()));
    if (m.hasMessageAttributes()) {
      Map<String, Object> attrs = new LinkedHashMap<>();
      m.messageAttributes().forEach((k, v) -> {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("DataType", v.dataType());
        if (v.stringValue() != null) {
          a.put("StringValue", v.stringValue());
        }
        if (v.binaryValue() != null) {
          a.put("BinaryValue", v.binaryValue().asByteArray());
        }
        attrs.put(k, a);
      });
      d.put("MessageAttributes", attrs);
    }
    return d;
  }

  // ------------------------------------------------------------------------------------------------ settle

  private record Receipt(String url, String handle, Map<?, ?> sqsMessage) {}

  private static @Nullable Receipt receipt(Envelope envelope) {
    Map<String, Object> info = envelope.deliveryInfo();
    Object url = info.get(SQS_QUEUE);
    Object message = info.get(SQS_MESSAGE);
    if (url == null || !(message instanceof Map<?, ?> m) || m.get("ReceiptHandle") == null) {
      return null;
    }
    return new Receipt(url.toString(), m.get("ReceiptHandle").toString(), m);
  }

  @Override
  public void ack(String queue, Envelope envelope) {
    Receipt r = receipt(envelope);
    if (r == null) {
      log.debug("acked {} locally: it carries no SQS receipt", envelope);
      return;
    }
    deleteMessage(queue, r.url(), r.handle());
  }

  private void deleteMessage(String queue, String url, String receiptHandle) {
    try {
      client.deleteMessage(b -> b.queueUrl(url).receiptHandle(receiptHandle));
    } catch (AwsServiceException e) {
      if (e.statusCode() == 403) {
        throw SqsErrors.translate(e, "DeleteMessage", queue);
      }
      // Kombu forgets the message locally on any other service error (e.g. a stale receipt handle).
      log.warn("SQS DeleteMessage on queue '{}' failed ({}); the message may be delivered again",
          queue, e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode());
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "DeleteMessage", queue);
    }
  }

  @Override
  public void reject(String queue, Envelope envelope) {
    Receipt r = receipt(envelope);
    SqsSettings.PredefinedQueue predefined = settings.predefinedQueues().get(queue);
    if (r != null && predefined != null && !predefined.backoffPolicy().isEmpty()) {
      Object task = envelope.headers().get("task");
      Object attrs = r.sqsMessage().get("Attributes");
      Object count = attrs instanceof Map<?, ?> a ? a.get("ApproximateReceiveCount") : null;
      if (task != null && predefined.backoffTasks().contains(task.toString()) && count != null) {
        Integer timeout = predefined.backoffPolicy().get(Integer.parseInt(count.toString()));
        if (timeout != null) {
          changeVisibility(queue, r, timeout);
          return;
        }
      }
    }
    // Kombu makes no call: the message comes back after the queue's visibility timeout (and its redrive policy applies).
    log.debug("rejected {} without requeue: it returns after the queue's visibility timeout", envelope);
  }

  @Override
  public void requeue(String queue, Envelope envelope) {
    Receipt r = receipt(envelope);
    if (r == null) {
      put(queue, envelope.withRedelivered());
      return;
    }
    changeVisibility(queue, r, 0);
  }

  @Override
  public void restore(String queue, Envelope envelope) {
    requeue(queue, envelope);
  }

  private void changeVisibility(String queue, Receipt r, int seconds) {
    try {
      client.changeMessageVisibility(b -> b.queueUrl(r.url()).receiptHandle(r.handle()).visibilityTimeout(seconds));
    } catch (AwsServiceException e) {
      if (e.statusCode() == 403) {
        throw SqsErrors.translate(e, "ChangeMessageVisibility", queue);
      }
      log.warn("SQS ChangeMessageVisibility on queue '{}' failed ({}); the message returns after its visibility "
          + "timeout instead", queue, e.awsErrorDetails() == null ? e.statusCode() : e.awsErrorDetails().errorCode());
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "ChangeMessageVisibility", queue);
    }
  }

  // ------------------------------------------------------------------------------------------------ queues

  @Override
  public long size(String queue) {
    String url = transport.queueUrl(queue, false);
    if (url == null) {
      return 0;
    }
    return approximateCount(queue, url) + buffered(queue);
  }

  private long approximateCount(String queue, String url) {
    try {
      String n = client.getQueueAttributes(b -> b.queueUrl(url)
              .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
          .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
      return n == null ? 0 : Long.parseLong(n);
    } catch (QueueDoesNotExistException e) {
      transport.forget(queue);
      return 0;
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "GetQueueAttributes", queue);
    }
  }

  @Override
  public long purge(String queue) {
    String url = transport.queueUrl(queue, false);
    if (url == null) {
      return 0;
    }
    ArrayDeque<Received> dropped = dropBuffer(queue);
    long count = approximateCount(queue, url) + (dropped == null ? 0 : dropped.size());
    try {
      client.purgeQueue(b -> b.queueUrl(url));
    } catch (PurgeQueueInProgressException e) {
      // AWS allows one PurgeQueue per minute: delete what is visible instead.
      return drainByDeleting(queue, url, dropped);
    } catch (QueueDoesNotExistException e) {
      transport.forget(queue);
      return 0;
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "PurgeQueue", queue);
    }
    return count;
  }

  private long drainByDeleting(String queue, String url, @Nullable ArrayDeque<Received> dropped) {
    long deleted = 0;
    List<String> handles = new ArrayList<>();
    if (dropped != null) {
      dropped.forEach(r -> handles.add(r.message().receiptHandle()));
    }
    while (true) {
      deleted += deleteBatch(queue, url, handles);
      handles.clear();
      List<Message> got;
      try {
        got = client.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(MAX_BATCH).waitTimeSeconds(0)).messages();
      } catch (SdkException e) {
        throw SqsErrors.translate(e, "ReceiveMessage", queue);
      }
      if (got.isEmpty()) {
        return deleted;
      }
      got.forEach(m -> handles.add(m.receiptHandle()));
    }
  }

  private int deleteBatch(String queue, String url, List<String> handles) {
    int deleted = 0;
    for (int from = 0; from < handles.size(); from += MAX_BATCH) {
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      List<String> chunk = handles.subList(from, Math.min(handles.size(), from + MAX_BATCH));
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(chunk.get(i)).build());
      }
      try {
        deleted += client.deleteMessageBatch(b -> b.queueUrl(url).entries(entries)).successful().size();
      } catch (SdkException e) {
        throw SqsErrors.translate(e, "DeleteMessageBatch", queue);
      }
    }
    return deleted;
  }

  @Override
  public void delete(String queue) {
    dropBuffer(queue);
    if (settings.usesPredefinedQueues()) {
      log.debug("not deleting predefined queue {}", queue);
      return;
    }
    String url = transport.queueUrl(queue, false);
    if (url == null) {
      return;
    }
    try {
      client.deleteQueue(b -> b.queueUrl(url));
    } catch (QueueDoesNotExistException e) {
      log.debug("queue {} was already deleted", queue);
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "DeleteQueue", queue);
    } finally {
      transport.forget(queue);
    }
  }

  @Override
  public void newQueue(String queue, Map<String, Object> arguments) {
    transport.queueUrl(queue, true);
  }

  @Override
  public boolean hasQueue(String queue) {
    if (settings.usesPredefinedQueues()) {
      return settings.predefinedQueues().containsKey(queue);
    }
    return transport.queueUrl(queue, false) != null;
  }

  /** Makes messages received in a batch but never handed out visible again at once. */
  @Override
  public void close() {
    Map<String, ArrayDeque<Received>> left;
    synchronized (buffers) {
      left = new HashMap<>(buffers);
      buffers.clear();
    }
    for (Map.Entry<String, ArrayDeque<Received>> e : left.entrySet()) {
      List<Received> all = new ArrayList<>(e.getValue());
      for (int from = 0; from < all.size(); from += MAX_BATCH) {
        List<Received> chunk = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
          entries.add(ChangeMessageVisibilityBatchRequestEntry.builder()
              .id(Integer.toString(i)).receiptHandle(chunk.get(i).message().receiptHandle()).visibilityTimeout(0)
              .build());
        }
        String url = chunk.get(0).url();
        try {
          client.changeMessageVisibilityBatch(b -> b.queueUrl(url).entries(entries));
        } catch (SdkException ex) {
          log.warn("could not release {} prefetched message(s) of queue '{}' ({}); they return after the queue's "
              + "visibility timeout", chunk.size(), e.getKey(), ex.getClass().getSimpleName());
        }
      }
    }
  }
}
