package io.kombu.transport.sqs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import io.kombu.spi.BrokerUrl;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SQS settings come from the URL and Kombu's transport options")
class SqsSettingsTest {
  private static SqsSettings settings(String url, Map<String, ?> options) {
    BrokerUrl parsed = BrokerUrls.parseOne(url);
    return SqsSettings.from(parsed, TransportOptions.of(options));
  }

  @Test
  @DisplayName("without options the defaults are Kombu's")
  void defaults() {
    SqsSettings s = settings("sqs://", Map.of());
    assertThat(s.endpoint()).isNull();
    assertThat(s.accessKeyId()).isNull();
    assertThat(s.region()).isNull();
    assertThat(s.queueNamePrefix()).isEmpty();
    assertThat(s.visibilityTimeoutSeconds()).isEqualTo(1800);
    assertThat(s.waitTimeSeconds()).isEqualTo(10);
    assertThat(s.base64()).isTrue();
    assertThat(s.usesPredefinedQueues()).isFalse();
    assertThat(s.systemAttributeNames()).containsExactly("ApproximateReceiveCount");
  }

  @Test
  @DisplayName("a host in the URL becomes an http endpoint, https with is_secure")
  void endpoint() {
    assertThat(settings("sqs://x:x@127.0.0.1:9324", Map.of()).endpoint()).isEqualTo(URI.create("http://127.0.0.1:9324"));
    assertThat(settings("sqs://@localhost:9324", Map.of()).endpoint()).isEqualTo(URI.create("http://localhost:9324"));
    assertThat(settings("sqs://sqs.local", Map.of("is_secure", true)).endpoint())
        .isEqualTo(URI.create("https://sqs.local"));
    assertThat(settings("sqs://", Map.of("endpoint_url", "http://ls:4566")).endpoint())
        .isEqualTo(URI.create("http://ls:4566"));
  }

  @Test
  @DisplayName("URL credentials are percent-decoded and the secret never shows in toString")
  void credentials() {
    SqsSettings s = settings("sqs://AKIDEXAMPLE:se%2Fcr%2Bet@127.0.0.1:9324", Map.of("region", "eu-west-1"));
    assertThat(s.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(s.secretAccessKey()).isEqualTo("se/cr+et");
    assertThat(s.region()).isEqualTo("eu-west-1");
    assertThat(s.toString()).doesNotContain("se/cr+et").doesNotContain("se%2Fcr");
  }

  @Test
  @DisplayName("options are read with Kombu's names")
  void options() {
    SqsSettings s = settings("sqs://", Map.of(
        "queue_name_prefix", "dev-", "visibility_timeout", "60.5", "wait_time_seconds", 0,
        "sqs_base64_encoding", false, "fetch_message_attributes", List.of("SentTimestamp"),
        "sqs-creation-attributes", Map.of("MessageRetentionPeriod", 3600), "queue_tags", Map.of("team", "a"),
        "client-config", Map.of("connect_timeout", 2, "retries", Map.of("max_attempts", 3))));
    assertThat(s.queueNamePrefix()).isEqualTo("dev-");
    assertThat(s.visibilityTimeoutSeconds()).isEqualTo(60);
    assertThat(s.waitTimeSeconds()).isZero();
    assertThat(s.base64()).isFalse();
    assertThat(s.systemAttributeNames()).containsExactly("ApproximateReceiveCount", "SentTimestamp");
    assertThat(s.creationAttributes()).containsEntry("MessageRetentionPeriod", "3600");
    assertThat(s.queueTags()).containsEntry("team", "a");
    assertThat(s.connectTimeout()).hasSeconds(2);
    assertThat(s.maxAttempts()).isEqualTo(3);
    assertThat(settings("sqs://", Map.of("fetch_message_attributes", List.of("ALL"))).systemAttributeNames())
        .containsExactly("All");
  }

  @Test
  @DisplayName("predefined queues are read, and a .fifo mismatch between name and url is rejected")
  void predefined() {
    SqsSettings s = settings("sqs://", Map.of("predefined_queues", Map.of("celery", Map.of(
        "url", "https://sqs.eu-west-1.amazonaws.com/1/celery", "backoff_policy", Map.of("1", 10, "2", 20),
        "backoff_tasks", List.of("t.add")))));
    assertThat(s.usesPredefinedQueues()).isTrue();
    assertThat(s.predefinedQueues().get("celery").backoffPolicy()).containsEntry(2, 20);
    assertThat(s.predefinedQueues().get("celery").backoffTasks()).containsExactly("t.add");

    assertThatThrownBy(() -> settings("sqs://", Map.of("predefined_queues",
            Map.of("jobs.fifo", Map.of("url", "https://sqs.x/1/jobs")))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining(".fifo");
  }

  @Test
  @DisplayName("unsupported or bad options fail with a clear ConfigurationException")
  void rejected() {
    assertThatThrownBy(() -> settings("sqs://", Map.of("sts_role_arn", "arn:aws:iam::1:role/x")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("sts_role_arn");
    assertThatThrownBy(() -> settings("sqs://", Map.of("credential_provider", "com.example.Vault")))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("credential_provider is not supported by the"
            + " SQS transport").hasMessageContaining("sqs://KEY:SECRET@");
    assertThatThrownBy(() -> settings("sqs://", Map.of("supports_fanout", true)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("SNS");
    assertThatThrownBy(() -> settings("sqs://", Map.of("wait_time_seconds", 21)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("20");
    assertThatThrownBy(() -> settings("sqs://", Map.of("client-config", Map.of("proxies", Map.of()))))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("proxies");
    assertThatThrownBy(() -> settings("sqs://AKID@host", Map.of()))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("secret");
  }
}
