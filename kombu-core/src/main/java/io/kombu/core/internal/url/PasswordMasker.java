package io.kombu.core.internal.url;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Masks the password of raw URL strings, including malformed ones, for messages and logs, and the values of query options
 * whose name looks secret ({@code api_token}, {@code sentinel_password}, …). Errs towards masking too much: a password
 * with an unescaped {@code ?} or {@code #} is still hidden. {@link #maskForError} also hides every other query value
 * except those of the harmless options core parses itself.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class PasswordMasker {
  /** What a password is replaced with, as Kombu's {@code as_uri()}. */
  public static final String MASK = "**";

  /** Words that make a query option or transport option name look secret (matched case-insensitively, anywhere). */
  private static final List<String> SECRET_WORDS = List.of(
      "password", "passwd", "secret", "token", "key", "credential", "passphrase", "auth");

  /** Options core parses itself whose values are safe to show, and are what an error is about when they are wrong. */
  private static final Set<String> HARMLESS_OPTIONS = Set.of(
      "heartbeat", "connect_timeout", "failover_strategy", "ssl", "ssl_cert_reqs", "ssl_check_hostname", "login_method",
      "insist");

  /** The most characters of a URL an error message quotes; a 1 MiB URL is no help in a message or a log. */
  public static final int URL_QUOTE_LIMIT = 200;
  /** The most characters of one part of a URL (a host, a port, an option key or value) an error message quotes. */
  public static final int PART_QUOTE_LIMIT = 100;

  private PasswordMasker() {}

  /**
   * @param text one part of a URL that an error message quotes: a host, a port, an option key or value
   * @return the text, or its first {@value #PART_QUOTE_LIMIT} characters and {@code "... (N characters)"} when longer
   */
  public static String cut(String text) {
    return cut(text, PART_QUOTE_LIMIT);
  }

  /**
   * @param url a URL that an error message quotes, already masked
   * @return the URL, or its first {@value #URL_QUOTE_LIMIT} characters and {@code "... (N characters)"} when longer
   */
  public static String cutUrl(String url) {
    return cut(url, URL_QUOTE_LIMIT);
  }

  private static String cut(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    // Never split a surrogate pair: half of one would print as garbage.
    int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    return text.substring(0, end) + "... (" + text.length() + " characters)";
  }

  /**
   * @param name an option name
   * @return whether its value should never be shown: the name contains password, passwd, secret, token, key,
   *     credential, passphrase or auth (case-insensitive)
   */
  public static boolean looksSecret(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param raw a URL, a {@code ;}-separated failover list, or any text
   * @return the text with each element's password, and the values of query options that look secret, replaced by
   *     {@link #MASK}
   */
  public static String mask(String raw) {
    return mask(raw, false);
  }

  /**
   * For error messages about a URL: like {@link #mask}, and every query value is replaced by {@link #MASK} except
   * those of the options core parses itself (heartbeat, connect_timeout, failover_strategy, ssl, ssl_cert_reqs, …), so
   * an unknown option names its key but never shows its value. Cut to its first {@value #URL_QUOTE_LIMIT} characters
   * and {@code "... (N characters)"} when longer (after masking, so no password is cut in half and shown).
   *
   * @param raw a URL, a {@code ;}-separated failover list, or any text
   * @return the masked text
   */
  public static String maskForError(String raw) {
    return cutUrl(mask(raw, true));
  }

  private static String mask(String raw, boolean allUnknownValues) {
    if (raw.indexOf('@') < 0 && raw.indexOf('?') < 0) {
      return raw;
    }
    String[] parts = raw.split(";", -1);
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append(';');
      }
      out.append(maskQuery(maskOne(parts[i]), allUnknownValues));
    }
    return out.toString();
  }

  /** Runs after the password is masked, so a {@code ?} left in the element starts the query. */
  private static String maskQuery(String element, boolean allUnknownValues) {
    int q = element.indexOf('?');
    if (q < 0) {
      return element;
    }
    int hash = element.indexOf('#', q);
    int end = hash < 0 ? element.length() : hash;
    String[] pairs = element.substring(q + 1, end).split("&", -1);
    StringBuilder out = new StringBuilder(element.length()).append(element, 0, q + 1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      String pair = pairs[i];
      int eq = pair.indexOf('=');
      if (eq < 0) {
        out.append(pair);
        continue;
      }
      String key = PercentCodec.decode(pair.substring(0, eq), true);
      boolean hide = looksSecret(key) || (allUnknownValues && !HARMLESS_OPTIONS.contains(key));
      out.append(pair, 0, eq + 1).append(hide ? MASK : pair.substring(eq + 1));
    }
    return out.append(element, end, element.length()).toString();
  }

  private static String maskOne(String element) {
    int sep = element.indexOf("://");
    int start = sep < 0 ? 0 : sep + 3;
    String rest = element.substring(start);
    int at = credentialsEnd(rest);
    if (at < 0) {
      return element;
    }
    int colon = rest.indexOf(':');
    if (colon < 0 || colon > at || colon == at - 1) {
      return element;
    }
    return element.substring(0, start) + rest.substring(0, colon + 1) + MASK + rest.substring(at);
  }

  /** @return the index in {@code rest} of the '@' that ends the user-info, or -1 when there is none */
  private static int credentialsEnd(String rest) {
    int queryStart = firstOf(rest, "?#");
    int at = rest.lastIndexOf('@', queryStart - 1);
    if (at >= 0) {
      return at;
    }
    // No '@' before the query: either the query holds one (an e-mail address) or the password holds an unescaped '?'/'#'.
    int lastAt = rest.lastIndexOf('@');
    int colon = rest.indexOf(':');
    if (lastAt < 0 || colon < 0 || colon > lastAt) {
      return -1;
    }
    int slash = rest.indexOf('/', colon);
    String afterColon = rest.substring(colon + 1, slash < 0 ? rest.length() : slash);
    boolean looksLikePort = !afterColon.isEmpty() && afterColon.chars().allMatch(Character::isDigit);
    boolean colonInAuthority = rest.indexOf('/') < 0 || rest.indexOf('/') > colon;
    return colonInAuthority && !looksLikePort ? lastAt : -1;
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }
}
