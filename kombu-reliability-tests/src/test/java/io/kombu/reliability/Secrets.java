package io.kombu.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * The secrets the suite plants in URLs and options, and the check that none of them shows up in a text.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class Secrets {
  /** The password used in every hostile URL. */
  static final String PASSWORD = "S3cr3tPW";
  /** The same password percent-encoded the way a URL may carry it ({@code P} is {@code %50}). */
  static final String PASSWORD_ENCODED = "S3cr3t%50W";
  /** A token-like secret put in option values. */
  static final String TOKEN = "tok-9f8e7d6c5b4a";
  /** Every form of the planted secrets. */
  static final List<String> ALL = List.of(PASSWORD, PASSWORD_ENCODED, TOKEN);

  private Secrets() {}

  /** @param where what the text is, for the failure message @param text the text to check */
  static void assertAbsent(String where, String text) {
    for (String secret : ALL) {
      assertThat(text).as("%s must not contain the secret %s", where, secret).doesNotContain(secret);
    }
  }
}
