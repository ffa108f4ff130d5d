package io.kombu.core.internal.url;

/**
 * Masks the password of raw URL strings, including malformed ones, for messages and logs. Errs towards masking too much:
 * a password with an unescaped {@code ?} or {@code #} is still hidden.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class PasswordMasker {
  /** What a password is replaced with, as Kombu's {@code as_uri()}. */
  public static final String MASK = "**";

  private PasswordMasker() {}

  /**
   * @param raw a URL, a {@code ;}-separated failover list, or any text
   * @return the text with each element's password replaced by {@link #MASK}
   */
  public static String mask(String raw) {
    if (raw.indexOf('@') < 0) {
      return raw;
    }
    String[] parts = raw.split(";", -1);
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append(';');
      }
      out.append(maskOne(parts[i]));
    }
    return out.toString();
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
