package io.kombu.core.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kombu.InvalidUrlException;
import io.kombu.core.BrokerUrls;
import io.kombu.spi.BrokerUrl;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("URL errors and masked URLs never show the values of query options that may be secret")
class QueryOptionSecretsTest {
  private static InvalidUrlException refused(String url) {
    InvalidUrlException e = catchThrowableOfType(() -> BrokerUrls.parse(url), InvalidUrlException.class);
    assertThat(e).as("refused: %s", url).isNotNull();
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "amqp://u:pw@h//?api_token=abc123, api_token",
      "amqp://h//?colour=abc123, colour",
      "amqp://h//?heartbeat=10&region=abc123, region",
      "amqp://u:pw@h//?Secret_Thing=abc123&x=1, Secret_Thing",
      "amqp://a//;amqp://b//?mystery=abc123, mystery",
  })
  @DisplayName("an unknown option is named by its key, and its value is not shown")
  void unknownOptionNamesTheKeyOnly(String url, String key) {
    InvalidUrlException e = refused(url);
    assertThat(e.getMessage()).contains("unknown option \"" + key + "\"").doesNotContain("abc123")
        .doesNotContain("pw@");
  }

  @Test
  @DisplayName("a bad harmless option shows its value, while a secret-looking option in the same URL stays masked")
  void harmlessValueShownSecretMasked() {
    InvalidUrlException e = refused("amqp://u:pw@h//?auth_token=abc123&heartbeat=soon");
    assertThat(e.getMessage()).contains("heartbeat").contains("soon").doesNotContain("abc123").doesNotContain(":pw@");
  }

  @Test
  @DisplayName("a URL refused for another reason does not show query values either")
  void otherErrorsMaskTheQuery() {
    InvalidUrlException e = refused("amqp://u:pw@h:notaport//?sentinel_password=abc123&colour=blue");
    assertThat(e.getMessage()).contains("port").doesNotContain("abc123").doesNotContain("blue");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      redis://:pw@h:6379/0?sentinel_password=abc123         | redis://:**@h:6379/0?sentinel_password=**
      sqs://h/?access_key_id=abc123&region=eu               | sqs://h/?access_key_id=**&region=eu
      mongodb://h/db?authSource=abc123&TOKEN=abc123         | mongodb://h/db?authSource=**&TOKEN=**
      amqp://h//?heartbeat=10                               | amqp://h//?heartbeat=10
      amqp://a//?x_secret=abc123;amqp://b//?Credentials=abc123 | amqp://a//?x_secret=**;amqp://b//?Credentials=**
      """)
  @DisplayName("BrokerUrls.mask hides the values of query options whose name looks secret")
  void maskHidesSecretLookingValues(String raw, String masked) {
    assertThat(BrokerUrls.mask(raw)).isEqualTo(masked);
  }

  @Test
  @DisplayName("asUri hides secret-looking query values of self-parsing transports unless the password is asked for")
  void asUriHidesSecretLookingValues() {
    BrokerUrl url = BrokerUrl.builder("mongodb").hostname("h").queryOption("authToken", "abc123")
        .queryOption("replicaSet", "rs0").build();
    assertThat(BrokerUrls.asUri(url, false)).contains("authToken=**").contains("replicaSet=rs0")
        .doesNotContain("abc123");
    assertThat(BrokerUrls.asUri(url, true)).contains("authToken=abc123");
  }
}
