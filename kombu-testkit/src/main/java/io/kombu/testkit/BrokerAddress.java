package io.kombu.testkit;

import java.util.Locale;
import java.util.Map;

/**
 * The host and port a broker URL points at (its first host when it lists several), parsed leniently so that any
 * transport's URL works: {@code redis://:pw@host:6379/0}, {@code amqp://u:p@host//}, {@code mongodb://h1,h2/db}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param scheme lower-case scheme (for {@code a+b://} the part before {@code +})
 * @param host host name, {@code localhost} when the URL has none
 * @param port the URL's port or the scheme's default
 * @param user the user name, or empty when there is none
 * @param password the password, or empty when there is none
 */
record BrokerAddress(String scheme, String host, int port, String user, String password) {
  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of(
          "redis", 6379, "rediss", 6379, "amqp", 5672, "pyamqp", 5672, "amqps", 5671, "mongodb", 27017, "sqs", 443,
          "http", 80, "https", 443);

  static BrokerAddress parse(String rawUrl) {
    int schemeEnd = rawUrl.indexOf("://");
    if (schemeEnd <= 0) {
      throw new IllegalArgumentException("not a broker URL (no scheme): " + mask(rawUrl));
    }
    String scheme = rawUrl.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    int plus = scheme.indexOf('+');
    if (plus > 0) {
      scheme = scheme.substring(0, plus);
    }
    String authority = authority(rawUrl, schemeEnd + 3);
    int at = authority.lastIndexOf('@');
    String userInfo = at >= 0 ? authority.substring(0, at) : "";
    String hosts = at >= 0 ? authority.substring(at + 1) : authority;
    int colonInUser = userInfo.indexOf(':');
    String user = colonInUser >= 0 ? userInfo.substring(0, colonInUser) : userInfo;
    String password = colonInUser >= 0 ? userInfo.substring(colonInUser + 1) : "";
    String first = hosts.split(",", -1)[0];
    String host;
    String portText = "";
    if (first.startsWith("[")) {
      int close = first.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unterminated IPv6 literal in broker URL " + mask(rawUrl));
      }
      host = first.substring(1, close);
      if (first.length() > close + 1 && first.charAt(close + 1) == ':') {
        portText = first.substring(close + 2);
      }
    } else {
      int colon = first.lastIndexOf(':');
      host = colon >= 0 ? first.substring(0, colon) : first;
      portText = colon >= 0 ? first.substring(colon + 1) : "";
    }
    if (host.isEmpty()) {
      host = "localhost";
    }
    int port;
    if (portText.isEmpty()) {
      Integer fallback = DEFAULT_PORTS.get(scheme);
      if (fallback == null) {
        throw new IllegalArgumentException(
            "broker URL " + mask(rawUrl) + " has no port and scheme " + scheme + " has no default port; add :<port>");
      }
      port = fallback;
    } else {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("port of broker URL " + mask(rawUrl) + " is not a number: " + portText, e);
      }
    }
    return new BrokerAddress(scheme, host, port, user, password);
  }

  /** Never shows the password or the user. */
  @Override
  public String toString() {
    return "BrokerAddress[" + scheme + "://" + host + ":" + port + "]";
  }

  /**
   * @param rawUrl any URL-ish text
   * @return the text with the password of its authority replaced by {@code ****}
   */
  static String mask(String rawUrl) {
    int schemeEnd = rawUrl.indexOf("://");
    if (schemeEnd < 0) {
      return rawUrl;
    }
    int start = schemeEnd + 3;
    String authority = authority(rawUrl, start);
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      return rawUrl;
    }
    int colon = authority.indexOf(':');
    if (colon < 0 || colon > at) {
      return rawUrl;
    }
    return rawUrl.substring(0, start + colon + 1) + "****" + rawUrl.substring(start + at);
  }

  /** The authority runs to the first '/' or '?' after the last '@' (a password may contain '/' or '?'). */
  private static String authority(String rawUrl, int start) {
    String rest = rawUrl.substring(start);
    int at = rest.lastIndexOf('@');
    int searchFrom = Math.max(at, 0);
    int end = rest.length();
    for (int i = searchFrom; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '/' || c == '?') {
        end = i;
        break;
      }
    }
    return rest.substring(0, end);
  }
}
