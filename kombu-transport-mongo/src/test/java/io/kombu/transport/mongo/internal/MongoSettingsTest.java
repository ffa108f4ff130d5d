package io.kombu.transport.mongo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kombu.ConfigurationException;
import io.kombu.InvalidUrlException;
import io.kombu.TransportOptions;
import io.kombu.core.BrokerUrls;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoSettings: URL and transport options as Kombu's MongoDB channel reads them")
class MongoSettingsTest {
  private static MongoSettings settings(String url) {
    return MongoSettings.of(BrokerUrls.parseOne(url), TransportOptions.defaults());
  }

  private static MongoSettings settings(String url, Map<String, ?> options) {
    return MongoSettings.of(BrokerUrls.parseOne(url), TransportOptions.of(options));
  }

  @Test
  @DisplayName("an empty host becomes 127.0.0.1:27017 and the database kombu_default")
  void defaults() {
    MongoSettings s = settings("mongodb://");

    assertThat(s.connectionString()).isEqualTo("mongodb://127.0.0.1:27017/kombu_default");
    assertThat(s.database()).isEqualTo("kombu_default");
    assertThat(s.messagesCollection()).isEqualTo("messages");
    assertThat(s.routingCollection()).isEqualTo("messages.routing");
    assertThat(s.broadcastCollection()).isEqualTo("messages.broadcast");
    assertThat(s.queuesCollection()).isEqualTo("messages.queues");
    assertThat(s.ttl()).isFalse();
    assertThat(s.calcQueueSize()).isTrue();
    assertThat(s.cappedQueueSize()).isEqualTo(100_000);
  }

  @Test
  @DisplayName("a credential_provider is refused rather than ignored: credentials come from the URL")
  void credentialProviderRefused() {
    assertThatThrownBy(() -> settings("mongodb://", Map.of("credential_provider", "com.example.Vault")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("credential_provider is not supported by the mongodb transport");
  }

  @Test
  @DisplayName("the URL path names the database; '/' alone means kombu_default")
  void databaseFromPath() {
    assertThat(settings("mongodb://db.example:27018/orders").database()).isEqualTo("orders");
    assertThat(settings("mongodb://db.example:27018/").database()).isEqualTo("kombu_default");
    assertThat(settings("mongodb://db.example//").database()).isEqualTo("kombu_default");
    assertThat(settings("mongodb://db.example", Map.of("default_database", "jobs")).database()).isEqualTo("jobs");
  }

  @Test
  @DisplayName("user and password are percent-encoded for the driver and masked in the loggable form")
  void credentials() {
    MongoSettings s = settings("mongodb://app:p%40ss%2Fw@db.example/orders");

    assertThat(s.connectionString()).isEqualTo("mongodb://app:p%40ss%2Fw@db.example:27017/orders");
    assertThat(s.maskedConnectionString()).isEqualTo("mongodb://app:**@db.example:27017/orders")
        .doesNotContain("p%40ss");
  }

  @Test
  @DisplayName("a replica-set seed list and its query options reach the driver unchanged")
  void seedListAndOptions() {
    MongoSettings s = settings("mongodb://h1:27017,h2:27018/kombu?replicaSet=rs0&authSource=admin");

    assertThat(s.connectionString()).isEqualTo("mongodb://h1:27017,h2:27018/kombu?replicaSet=rs0&authSource=admin");
  }

  @Test
  @DisplayName("mongodb+srv URLs keep their scheme and get no port")
  void srv() {
    MongoSettings s = settings("mongodb+srv://u:pw@cluster0.example.net/jobs?retryWrites=true");

    assertThat(s.connectionString()).isEqualTo("mongodb+srv://u:pw@cluster0.example.net/jobs?retryWrites=true");
  }

  @Test
  @DisplayName("the ssl and connect_timeout options become tls and connectTimeoutMS unless the URL sets them")
  void sslAndTimeout() {
    assertThat(settings("mongodb://h/db", Map.of("ssl", true, "connect_timeout", 2.5)).connectionString())
        .isEqualTo("mongodb://h:27017/db?tls=true&connectTimeoutMS=2500");
    assertThat(settings("mongodb://h/db?tls=false&connectTimeoutMS=100", Map.of("ssl", true, "connect_timeout", 2))
        .connectionString()).isEqualTo("mongodb://h:27017/db?tls=false&connectTimeoutMS=100");
  }

  @Test
  @DisplayName("collection names, ttl and calc_queue_size come from the transport options")
  void collectionOptions() {
    MongoSettings s = settings("mongodb://h/db", Map.of("messages_collection", "m", "routing_collection", "r",
        "broadcast_collection", "b", "queues_collection", "q", "ttl", true, "calc_queue_size", false,
        "capped_queue_size", 65536, "default_port", 27999));

    assertThat(s.connectionString()).isEqualTo("mongodb://h:27999/db");
    assertThat(s.messagesCollection()).isEqualTo("m");
    assertThat(s.routingCollection()).isEqualTo("r");
    assertThat(s.broadcastCollection()).isEqualTo("b");
    assertThat(s.queuesCollection()).isEqualTo("q");
    assertThat(s.ttl()).isTrue();
    assertThat(s.calcQueueSize()).isFalse();
    assertThat(s.cappedQueueSize()).isEqualTo(65536);
  }

  @Test
  @DisplayName("a capped collection smaller than MongoDB allows and a database name with a dot are refused")
  void badValues() {
    assertThatThrownBy(() -> settings("mongodb://h/db", Map.of("capped_queue_size", 10)))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("capped_queue_size");
    assertThatThrownBy(() -> settings("mongodb://u:secret@h/a.b"))
        .isInstanceOf(InvalidUrlException.class).hasMessageContaining("a.b").hasMessageNotContaining("secret");
  }

  @Test
  @DisplayName("scrub removes the password, raw or percent-encoded, from driver messages")
  void scrub() {
    assertThat(MongoSettings.scrub("bad uri mongodb://u:p@ss@h", "p@ss")).isEqualTo("bad uri mongodb://u:**@h");
    assertThat(MongoSettings.scrub("bad uri mongodb://u:p%40ss@h", "p@ss")).isEqualTo("bad uri mongodb://u:**@h");
    assertThat(MongoSettings.scrub(null, "x")).isEmpty();
  }
}
