package io.kombu.transport.sqs.internal;

import io.kombu.TransportOptions;
import io.kombu.core.virtual.MessageStore;
import io.kombu.core.virtual.VirtualTransport;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.TransportCapabilities;
import io.kombu.transport.sqs.UndefinedQueueException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * One Kombu connection's worth of SQS: the settings, one SDK client shared by the connections it opens, and the queue
 * URL cache (Kombu's {@code _queue_cache}).
 *
 * <p>Thread-safety: thread-safe.
 */
public final class SqsTransport extends VirtualTransport {
  private static final Logger log = LoggerFactory.getLogger(SqsTransport.class);

  private final SqsSettings settings;
  private final TransportCapabilities capabilities;
  private final Map<String, String> urlCache = new ConcurrentHashMap<>();
  private @Nullable SqsClient client;

  /**
   * @param url the broker URL
   * @param options transport options
   * @param clock time source
   * @param capabilities what the provider claims
   */
  public SqsTransport(BrokerUrl url, TransportOptions options, Clock clock, TransportCapabilities capabilities) {
    super(url, options, clock);
    this.settings = SqsSettings.from(url, options);
    this.capabilities = capabilities;
  }

  @Override
  protected MessageStore openStore() {
    return new SqsMessageStore(this, client());
  }

  /** @return the SDK client, built on first use */
  synchronized SqsClient client() {
    if (client == null) {
      client = SqsClients.create(settings);
      log.info("SQS client ready: {}", settings);
    }
    return client;
  }

  @Override
  public TransportCapabilities capabilities() {
    return capabilities;
  }

  /** @return the settings */
  public SqsSettings settings() {
    return settings;
  }

  /**
   * @param queue a logical queue name
   * @return the SQS queue name ({@code queue_name_prefix} + queue, mangled)
   */
  public String canonical(String queue) {
    return QueueNames.mangle(settings.queueNamePrefix() + queue);
  }

  /**
   * Looks up (and, when asked, creates) a queue's URL, caching it.
   *
   * @param queue logical queue name
   * @param create whether to create a missing queue
   * @return the URL, or null when it does not exist and {@code create} is false
   * @throws UndefinedQueueException when predefined queues are configured and this one is not among them
   */
  @Nullable String queueUrl(String queue, boolean create) {
    if (settings.usesPredefinedQueues()) {
      SqsSettings.PredefinedQueue q = settings.predefinedQueues().get(queue);
      if (q == null) {
        throw new UndefinedQueueException(queue);
      }
      return q.url();
    }
    String name = canonical(queue);
    String cached = urlCache.get(name);
    if (cached != null) {
      return cached;
    }
    SqsClient c = client();
    try {
      String url = c.getQueueUrl(r -> r.queueName(name)).queueUrl();
      urlCache.put(name, url);
      return url;
    } catch (QueueDoesNotExistException e) {
      if (!create) {
        return null;
      }
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "GetQueueUrl", queue);
    }
    Map<String, String> attributes = new HashMap<>();
    attributes.put("VisibilityTimeout", Integer.toString(settings.visibilityTimeoutSeconds()));
    if (QueueNames.isFifo(name)) {
      attributes.put("FifoQueue", "true");
    }
    attributes.putAll(settings.creationAttributes());
    CreateQueueRequest.Builder req = CreateQueueRequest.builder().queueName(name).attributesWithStrings(attributes);
    if (!settings.queueTags().isEmpty()) {
      req.tags(settings.queueTags());
    }
    try {
      String url = c.createQueue(req.build()).queueUrl();
      log.debug("created SQS queue {} for {}", name, queue);
      urlCache.put(name, url);
      return url;
    } catch (SdkException e) {
      throw SqsErrors.translate(e, "CreateQueue", queue);
    }
  }

  /** @param queue a logical queue name whose cached URL is stale */
  void forget(String queue) {
    urlCache.remove(canonical(queue));
  }

  @Override
  public void close() {
    super.close();
    SqsClient c;
    synchronized (this) {
      c = client;
      client = null;
    }
    if (c != null) {
      c.close();
    }
  }
}
