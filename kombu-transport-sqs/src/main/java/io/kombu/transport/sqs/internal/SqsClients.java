package io.kombu.transport.sqs.internal;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds the SDK client from {@link SqsSettings}: the sync Apache HTTP client, static credentials from the URL or the
 * SDK's default chain, the region option or the SDK's default region chain (then {@code us-east-1}, as Kombu), and the
 * endpoint override.
 *
 * <p>Thread-safety: stateless and thread-safe; the client it builds is thread-safe.
 */
public final class SqsClients {
  /** Kombu's region when neither the option nor the environment names one. */
  public static final String FALLBACK_REGION = "us-east-1";

  private SqsClients() {}

  /**
   * @param settings the transport's settings
   * @return a new client; no request is made
   */
  public static SqsClient create(SqsSettings settings) {
    ApacheHttpClient.Builder http = ApacheHttpClient.builder();
    if (settings.connectTimeout() != null) {
      http.connectionTimeout(settings.connectTimeout());
    }
    if (settings.readTimeout() != null) {
      http.socketTimeout(settings.readTimeout());
    }
    if (settings.maxConnections() > 0) {
      http.maxConnections(settings.maxConnections());
    }
    SqsClientBuilder b = SqsClient.builder()
        .httpClientBuilder(http)
        .region(region(settings))
        .credentialsProvider(credentials(settings));
    if (settings.maxAttempts() > 0) {
      b.overrideConfiguration(ClientOverrideConfiguration.builder()
          .retryStrategy(r -> r.maxAttempts(settings.maxAttempts()))
          .build());
    }
    if (settings.endpoint() != null) {
      b.endpointOverride(settings.endpoint());
    }
    return b.build();
  }

  static Region region(SqsSettings settings) {
    if (settings.region() != null) {
      return Region.of(settings.region());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      return Region.of(FALLBACK_REGION);
    }
  }

  private static AwsCredentialsProvider credentials(SqsSettings settings) {
    if (settings.accessKeyId() != null && settings.secretAccessKey() != null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
