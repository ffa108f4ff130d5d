package io.kombu.core.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kombu.InvalidUrlException;
import io.kombu.core.BrokerUrls;
import io.kombu.core.internal.url.PasswordMasker;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("URL errors quote a cut-down form of oversized URLs and parts, and refuse host names longer than DNS allows")
class OversizedUrlTest {
  private static final String HOST = "h".repeat(10_000);

  private static InvalidUrlException refused(String url) {
    InvalidUrlException e = catchThrowableOfType(() -> BrokerUrls.parse(url), InvalidUrlException.class);
    assertThat(e).as("refused: %.120s", url).isNotNull();
    return e;
  }

  @Test
  @DisplayName("a 10,000-character host name is refused, quoted as its first 100 characters and its length")
  void longHostRefusedAndCut() {
    InvalidUrlException e = refused("amqp://u:pw@" + HOST + ":5672//");
    assertThat(e.getMessage()).contains("host name of 10000 characters (\"" + "h".repeat(100) + "... (10000 characters)\")")
        .contains("at most 253").doesNotContain("h".repeat(201)).doesNotContain("pw@");
    assertThat(e.getMessage().length()).isLessThan(700);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"redis://:pw@HOST/0", "amqp://u:pw@127.0.0.1:1//;HOST", "amqp://u:pw@127.0.0.1:1//;HOST:5672",
      "amqp://u:pw@h%68HOST//"})
  @DisplayName("the host-name limit holds for other transports, for failover alternates and after percent-decoding")
  void longHostRefusedEverywhere(String template) {
    InvalidUrlException e = refused(template.replace("HOST", HOST));
    assertThat(e.getMessage()).contains("host name of").contains("characters)").doesNotContain("h".repeat(201));
  }

  @Test
  @DisplayName("a host name of 253 characters, the DNS maximum, is accepted")
  void dnsMaximumAccepted() {
    String host = ("a".repeat(62) + ".").repeat(4) + "b";
    assertThat(host).hasSize(253);
    assertThat(BrokerUrls.parseOne("amqp://" + host + "//").hostname()).isEqualTo(host);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"amqp://u:pw@h:BIG//", "amqp://u:pw@h//?heartbeat=BIG", "amqp://u:pw@h//?ssl_cert_reqs=BIG",
      "amqp://u:pw@h//?failover_strategy=BIG", "amqp://u:pw@h//?ssl=BIG", "amqp://u:pw@h//?BIG=1"})
  @DisplayName("an oversized port, option value or option key is cut in the message, and so is the URL")
  void oversizedPartsAreCut(String template) {
    InvalidUrlException e = refused(template.replace("BIG", "9".repeat(10_000)));
    assertThat(e.getMessage()).contains("... (10000 characters)").doesNotContain("9".repeat(201))
        .doesNotContain("pw@");
    assertThat(e.getMessage().length()).isLessThan(1_000);
  }

  @Test
  @DisplayName("a URL is cut after its password is masked, so no part of the password is shown")
  void cutAfterMasking() {
    String url = "amqp://u:" + "p".repeat(300) + "@h:x//";
    String quoted = PasswordMasker.maskForError(url);
    assertThat(quoted).isEqualTo("amqp://u:**@h:x//");
    assertThat(PasswordMasker.maskForError("amqp://u:pw@" + HOST)).startsWith("amqp://u:**@hhh")
        .endsWith("... (10012 characters)").hasSize(200 + "... (10012 characters)".length());
  }

  @Test
  @DisplayName("cutting never splits a surrogate pair, and short text is left alone")
  void cutKeepsSurrogatePairsWhole() {
    String text = "x".repeat(99) + "\uD83D\uDE00" + "y".repeat(50);
    assertThat(PasswordMasker.cut(text)).isEqualTo("x".repeat(99) + "... (151 characters)");
    assertThat(PasswordMasker.cut("short")).isEqualTo("short");
    assertThat(PasswordMasker.cut("z".repeat(100))).isEqualTo("z".repeat(100));
  }
}
