package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kombu.ConfigurationException;
import io.kombu.Connection;
import io.kombu.InvalidUrlException;
import io.kombu.TransportNotFoundException;
import io.kombu.TransportOptions;
import io.kombu.core.Kombu;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and oversized URLs, unknown schemes, bad ports and bad options: each is refused with a clear {@link
 * ConfigurationException} (or subtype) that names the problem, quoting only a cut-down form of an oversized URL, host,
 * port or option, and no form of the planted password appears in the exception's message, its causes or its stack, nor
 * in anything logged while trying. No network: every case fails before a socket is opened (memory:// is in-process).
 *
 * <p>Thread-safety: a JUnit test class.
 */
@DisplayName("Hostile broker URLs and options")
class HostileUrlTest {
  private static final String PW = Secrets.PASSWORD;
  private static final String CRED = "u:" + PW + "@";
  /** An oversized host name, scheme or value: errors quote at most {@link #QUOTE_LIMIT} characters of anything. */
  private static final String HUGE = "h".repeat(10_000);
  /** Comfortably above the longest legitimate message (a URL cut to 200 characters plus explanations). */
  private static final int QUOTE_LIMIT = 1_500;

  static Stream<Arguments> urls() {
    return Stream.of(
        bad("no scheme at all", "://", InvalidUrlException.class, "scheme"),
        bad("a failover list of empty entries", ";;;", InvalidUrlException.class, "empty"),
        bad("port above 65535", "amqp://" + CRED + "127.0.0.1:99999//", InvalidUrlException.class, "port"),
        bad("negative port", "amqp://" + CRED + "127.0.0.1:-1//", InvalidUrlException.class, "port"),
        bad("port that is not a number", "amqp://" + CRED + "127.0.0.1:abc//", InvalidUrlException.class, "port"),
        bad("port 0", "amqp://" + CRED + "127.0.0.1:0//", InvalidUrlException.class, "port"),
        bad("port with a sign and spaces", "amqp://" + CRED + "127.0.0.1:+ 5//", InvalidUrlException.class, "port"),
        bad("an IPv6 literal left open", "amqp://" + CRED + "[::1//", InvalidUrlException.class, "IPv6"),
        bad("connect_timeout that is not a number", "amqp://" + CRED + "127.0.0.1:1//?connect_timeout=abc",
            InvalidUrlException.class, "connect_timeout"),
        bad("negative connect_timeout", "amqp://" + CRED + "127.0.0.1:1//?connect_timeout=-2", InvalidUrlException.class,
            "connect_timeout"),
        bad("negative heartbeat", "amqp://" + CRED + "127.0.0.1:1//?heartbeat=-5", InvalidUrlException.class, "heartbeat"),
        bad("heartbeat of 1e999 seconds", "amqp://" + CRED + "127.0.0.1:1//?heartbeat=1e999", InvalidUrlException.class,
            "heartbeat"),
        bad("ssl=maybe", "amqp://" + CRED + "127.0.0.1:1//?ssl=maybe", InvalidUrlException.class, "ssl"),
        bad("an unknown option (channel_max)", "amqp://" + CRED + "127.0.0.1:1//?channel_max=-3", InvalidUrlException.class,
            "channel_max"),
        // The key of an unknown query option is named; its value is masked (unknownOptionValueIsNotShown).
        bad("an unknown option with a value", "amqp://" + CRED + "127.0.0.1:1//?api_token=v1", InvalidUrlException.class,
            "api_token"),
        bad("an unknown option on memory://", "memory://?polling_interval=-1", InvalidUrlException.class,
            "polling_interval"),
        bad("a failover list that mixes transports", "memory://;amqp://" + CRED + "127.0.0.1:1//",
            InvalidUrlException.class, "mixes"),
        bad("a single slash after the scheme", "amqp:/" + CRED + "127.0.0.1", InvalidUrlException.class, "scheme"),
        bad("a bad port on memory://", "memory://" + CRED + "h:99999/", InvalidUrlException.class, "port"),
        bad("a percent-encoded password and a bad port", "amqp://u:" + Secrets.PASSWORD_ENCODED + "@127.0.0.1:99999//",
            InvalidUrlException.class, "port"),
        bad("a password holding @ and : and a bad port", "amqp://u:" + PW + "%40%3A@127.0.0.1:x//",
            InvalidUrlException.class, "port"),
        bad("a 1 MiB URL with a bad port", "amqp://" + CRED + "h" + "x".repeat(1 << 20) + ":99999//",
            InvalidUrlException.class, "port"),
        bad("an unknown scheme", "nosuch://" + CRED + "h/", TransportNotFoundException.class, "nosuch"),
        bad("a scheme one letter off (amqq)", "amqq://" + CRED + "h//", TransportNotFoundException.class, "did you mean"),
        bad("a known transport that is not on the class path (sqs)", "sqs://" + CRED + "h/",
            TransportNotFoundException.class, "kombu-transport-sqs"),
        bad("redis with a port above 65535", "redis://:" + PW + "@127.0.0.1:70000/0", InvalidUrlException.class, "port"),
        bad("a known transport that is not on the class path (mongodb)", "mongodb://" + CRED + "h/db",
            TransportNotFoundException.class, "kombu-transport-mongo"),
        bad("a scheme nobody uses (ftp)", "ftp://" + CRED + "h/", TransportNotFoundException.class, "ftp"),
        bad("a chain of plus-separated schemes", "a+b+c://" + CRED + "h/", TransportNotFoundException.class, "scheme"),
        bad("a 10,000-character host name", "amqp://" + CRED + HUGE + ":5672//", InvalidUrlException.class,
            "host name of 10000 characters"),
        bad("a 10,000-character host name on redis", "redis://:" + PW + "@" + HUGE + "/0", InvalidUrlException.class,
            "at most 253"),
        bad("a 10,000-character failover alternate", "amqp://" + CRED + "127.0.0.1:1//;" + HUGE + ":5672",
            InvalidUrlException.class, "host name"),
        bad("a 10,000-digit port", "amqp://" + CRED + "127.0.0.1:" + "9".repeat(10_000) + "//", InvalidUrlException.class,
            "(10000 characters)"),
        bad("a 10,000-digit heartbeat", "amqp://" + CRED + "127.0.0.1:1//?heartbeat=" + "9".repeat(10_000),
            InvalidUrlException.class, "heartbeat"),
        bad("a 10,000-character option key", "amqp://" + CRED + "127.0.0.1:1//?" + "k".repeat(10_000) + "=1",
            InvalidUrlException.class, "unknown option"),
        bad("a 10,000-letter scheme", "x".repeat(10_000) + "://" + CRED + "h/", TransportNotFoundException.class,
            "(10000 characters)"));
  }

  static Stream<Arguments> options() {
    return Stream.of(
        badOptions("memory body_encoding rot13", "memory://", Map.of("body_encoding", "rot13"), "body_encoding"),
        badOptions("memory channel_max that is not a number", "memory://", Map.of("channel_max", "lots"), "channel_max"),
        badOptions("memory channel_max 0", "memory://", Map.of("channel_max", "0"), "channel_max"));
  }

  private static Arguments bad(String name, String url, Class<? extends RuntimeException> type, String hint) {
    return Arguments.of(name, url, type, hint);
  }

  private static Arguments badOptions(String name, String url, Map<String, String> options, String hint) {
    return Arguments.of(name, url, options, hint);
  }

  @Test
  @DisplayName("an unknown URL option is named by its key and its value is not shown")
  void unknownOptionValueIsNotShown() {
    Throwable thrown = catchThrowable(() -> {
      try (Connection conn = Kombu.connect("amqp://" + CRED + "127.0.0.1:1//?api_token=tok-v1-9f8e7d")) {
        conn.channel();
      }
    });

    assertThat(thrown).isInstanceOf(InvalidUrlException.class).hasMessageContaining("api_token");
    assertThat(LogCapture.printed(thrown)).doesNotContain("tok-v1-9f8e7d");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("urls")
  @DisplayName("a hostile URL is refused with a clear ConfigurationException that keeps the password out")
  void hostileUrlIsRefused(String name, String url, Class<? extends RuntimeException> type, String hint) {
    Throwable thrown = catchThrowable(() -> {
      try (Connection conn = Kombu.connect(url)) {
        conn.channel();
      }
    });

    assertThat(thrown).as(name).isInstanceOf(type).isInstanceOf(ConfigurationException.class);
    assertThat(thrown.getMessage()).containsIgnoringCase(hint);
    assertThat(thrown.getMessage().length()).as("length of the message for %s: oversized parts are cut", name)
        .isLessThan(QUOTE_LIMIT);
    Secrets.assertAbsent("the exception for " + name, LogCapture.printed(thrown));
    Secrets.assertAbsent("the exception's toString for " + name, thrown.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("options")
  @DisplayName("a bad transport option is refused with a ConfigurationException that names it")
  void badOptionIsRefused(String name, String url, Map<String, String> options, String hint) {
    Throwable thrown = catchThrowable(() -> {
      try (Connection conn = Kombu.connect(url, TransportOptions.of(options))) {
        conn.channel();
      }
    });

    assertThat(thrown).as(name).isInstanceOf(ConfigurationException.class);
    assertThat(thrown.getMessage()).contains(hint);
  }

  @AfterAll
  static void nothingLoggedTheSecrets() {
    Secrets.assertAbsent("the captured log", LogCapture.everything());
  }
}
