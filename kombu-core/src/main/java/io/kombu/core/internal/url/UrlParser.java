package io.kombu.core.internal.url;

import io.kombu.ConfigurationException;
import io.kombu.CredentialProvider;
import io.kombu.InvalidUrlException;
import io.kombu.core.FailoverStrategy;
import io.kombu.core.KnownTransports;
import io.kombu.spi.BrokerUrl;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses one Kombu URL ({@code transport://user:pass@host:port/vhost?options}) with the rules of Kombu's {@code
 * url_to_parts}/{@code parse_url} and {@code Connection.__init__}: the rest after the scheme is read like an {@code http}
 * URL, parts are percent-decoded, the host is lower-cased, empty parts become null.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class UrlParser {
  /** Query keys core understands itself; anything else is an error (except for self-parsing schemes). */
  public static final String ALLOWED_OPTIONS =
      "ssl, ssl_<option> (ssl_cert_reqs, ssl_check_hostname, ssl_ca_certs, ssl_certfile, ssl_keyfile, ...), heartbeat,"
          + " connect_timeout, login_method, insist, failover_strategy, credential_provider";

  /** The query key under which a validated failover strategy is kept for the messaging layer. */
  public static final String FAILOVER_STRATEGY = "failover_strategy";

  private static final String PORT_RULE = "port must be a number between 1 and 65535";
  /** DNS allows 253 characters in a host name; anything longer is a broken URL, and must not reach a driver's errors. */
  private static final int MAX_HOST_LENGTH = 253;

  private UrlParser() {}

  /**
   * @param url one URL containing {@code ://}
   * @return the parsed URL
   * @throws InvalidUrlException when it cannot be parsed; the message masks the password
   */
  public static BrokerUrl parse(String url) {
    int sep = url.indexOf("://");
    if (sep < 0) {
      throw new InvalidUrlException(
          "no scheme in URL \"" + PasswordMasker.maskForError(url) + "\"; write e.g. amqp://" + PasswordMasker.maskForError(url));
    }
    String scheme = url.substring(0, sep);
    checkScheme(scheme, url);
    String lowerScheme = scheme.toLowerCase(Locale.ROOT);
    boolean selfParsing = KnownTransports.parsesOwnUrls(lowerScheme);
    int plus = scheme.indexOf('+');
    if (plus > 0 && !selfParsing) {
      // Kombu's "redis+socket:///path": the part before '+' names the transport, which gets the rest unparsed.
      String transport = lowerScheme.substring(0, plus);
      return BrokerUrl.builder(transport).uriPrefix(transport).hostname(url.substring(plus + 1)).build();
    }
    return parseHierarchical(lowerScheme, url.substring(sep + 3), url, selfParsing);
  }

  private static BrokerUrl parseHierarchical(String scheme, String rest, String url, boolean selfParsing) {
    int netlocEnd = firstOf(rest, "/?#", 0);
    String netloc = rest.substring(0, netlocEnd);
    String afterNetloc = rest.substring(netlocEnd);
    int hash = afterNetloc.indexOf('#');
    if (hash >= 0) {
      afterNetloc = afterNetloc.substring(0, hash);
    }
    int q = afterNetloc.indexOf('?');
    String path = q < 0 ? afterNetloc : afterNetloc.substring(0, q);
    String query = q < 0 ? "" : afterNetloc.substring(q + 1);

    BrokerUrl.Builder b = BrokerUrl.builder(scheme);
    int at = netloc.lastIndexOf('@');
    String hostinfo = netloc;
    if (at >= 0) {
      String userinfo = netloc.substring(0, at);
      hostinfo = netloc.substring(at + 1);
      int colon = userinfo.indexOf(':');
      b.userid(emptyToNull(PercentCodec.decode(colon < 0 ? userinfo : userinfo.substring(0, colon), false)));
      b.password(colon < 0 ? null : emptyToNull(PercentCodec.decode(userinfo.substring(colon + 1), false)));
    }
    parseHostAndPort(hostinfo, url, selfParsing, b);
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    b.virtualHost(emptyToNull(PercentCodec.decode(path, false)));
    b.ssl(scheme.equals("amqps") || scheme.equals("rediss"));
    Map<String, String> options = parseQuery(query);
    if (selfParsing) {
      options.forEach(b::queryOption);
    } else {
      applyOptions(scheme, options, url, b);
    }
    return b.build();
  }

  private static void parseHostAndPort(String hostinfo, String url, boolean selfParsing, BrokerUrl.Builder b) {
    if (hostinfo.indexOf('[') >= 0 || (!selfParsing && hostinfo.indexOf(':') != hostinfo.lastIndexOf(':'))) {
      throw new InvalidUrlException("IPv6 address literals are not supported (as in Kombu) in URL "
          + PasswordMasker.maskForError(url) + "; use a host name that resolves to the address instead");
    }
    if (selfParsing && hostinfo.indexOf(',') >= 0) {
      // A MongoDB seed list: the transport reads it; no single port applies.
      b.hostname(emptyToNull(PercentCodec.decode(hostinfo.toLowerCase(Locale.ROOT), false)));
      return;
    }
    int colon = hostinfo.indexOf(':');
    String host = PercentCodec.decode((colon < 0 ? hostinfo : hostinfo.substring(0, colon)).toLowerCase(Locale.ROOT),
        false);
    b.hostname(emptyToNull(host));
    if (colon >= 0) {
      String port = hostinfo.substring(colon + 1);
      if (!port.isEmpty()) {
        b.port(parsePort(port, url));
      }
    }
    checkHostLength(host, url);
  }

  /**
   * @param host a host name
   * @param url the URL, for the message
   * @throws InvalidUrlException when the host name is longer than DNS allows (253 characters)
   */
  public static void checkHostLength(String host, String url) {
    if (host.length() > MAX_HOST_LENGTH) {
      throw new InvalidUrlException("host name of " + host.length() + " characters (\"" + PasswordMasker.cut(host)
          + "\") in URL " + PasswordMasker.maskForError(url) + ": a host name has at most " + MAX_HOST_LENGTH
          + " characters; check that the URL is complete and its parts are separated by ':', '/' and '?'");
    }
  }

  /**
   * @param port the text after {@code host:}
   * @param url the URL, for the message
   * @return the port
   * @throws InvalidUrlException when it is not a number between 1 and 65535
   */
  public static int parsePort(String port, String url) {
    boolean digits = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9');
    int value = digits ? Integer.parseInt(port) : -1;
    if (value < 1 || value > 65535) {
      throw new InvalidUrlException("invalid port \"" + PasswordMasker.cut(port) + "\" in URL "
          + PasswordMasker.maskForError(url) + ": " + PORT_RULE);
    }
    return value;
  }

  /** Python's {@code dict(parse_qsl(query))}: '&'-separated, '+' is a space, blank values dropped, last key wins. */
  private static Map<String, String> parseQuery(String query) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0 || eq == pair.length() - 1) {
        continue;
      }
      out.put(PercentCodec.decode(pair.substring(0, eq), true), PercentCodec.decode(pair.substring(eq + 1), true));
    }
    return out;
  }

  private static void applyOptions(String scheme, Map<String, String> options, String url, BrokerUrl.Builder b) {
    boolean sslOptions = false;
    @Nullable Boolean explicitSsl = null;
    for (Map.Entry<String, String> e : options.entrySet()) {
      String key = e.getKey();
      String value = e.getValue();
      if (key.startsWith("ssl_") && key.length() > 4) {
        String option = key.substring(4);
        b.sslOption(option, sslValue(option, value, url));
        sslOptions = true;
        continue;
      }
      switch (key) {
        case "ssl" -> explicitSsl = parseBoolean(key, value, url);
        case "heartbeat" -> b.heartbeat(seconds(key, value, url));
        case "connect_timeout" -> b.connectTimeout(seconds(key, value, url));
        case "login_method" -> b.loginMethod(value);
        case "insist" -> {
          // Accepted for compatibility with Kombu URLs; it has had no effect since AMQP 0-9-1.
        }
        case FAILOVER_STRATEGY -> b.queryOption(FAILOVER_STRATEGY, failoverStrategy(value, url));
        // A class name, loaded by the transports that support it (through CredentialProviders).
        case CredentialProvider.OPTION -> b.queryOption(CredentialProvider.OPTION, value);
        default -> throw new InvalidUrlException("unknown option \"" + PasswordMasker.cut(key) + "\" in URL "
            + PasswordMasker.maskForError(url)
            + "; the options allowed in a URL are: " + ALLOWED_OPTIONS
            + ". Pass transport-specific settings as TransportOptions instead");
      }
    }
    boolean forced = scheme.equals("amqps") || scheme.equals("rediss");
    b.ssl(forced || (explicitSsl != null ? explicitSsl : sslOptions));
  }

  private static String sslValue(String option, String value, String url) {
    switch (option) {
      case "cert_reqs" -> {
        return switch (value) {
          case "CERT_REQUIRED", "required" -> "CERT_REQUIRED";
          case "CERT_OPTIONAL", "optional" -> "CERT_OPTIONAL";
          case "CERT_NONE", "none" -> "CERT_NONE";
          default -> throw new InvalidUrlException("invalid ssl_cert_reqs \"" + PasswordMasker.cut(value) + "\" in URL "
              + PasswordMasker.maskForError(url) + "; use CERT_REQUIRED (required), CERT_OPTIONAL (optional) or CERT_NONE (none)");
        };
      }
      case "check_hostname" -> {
        return value.equalsIgnoreCase("false") ? "false" : "true";
      }
      default -> {
        return value;
      }
    }
  }

  private static boolean parseBoolean(String key, String value, String url) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new InvalidUrlException("invalid " + key + " value \"" + PasswordMasker.cut(value) + "\" in URL "
          + PasswordMasker.maskForError(url) + "; use true, false, 1 or 0");
    };
  }

  private static Duration seconds(String key, String value, String url) {
    try {
      BigDecimal s = new BigDecimal(value.trim());
      if (s.signum() < 0) {
        throw new NumberFormatException("negative");
      }
      return Duration.ofNanos(s.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new InvalidUrlException("invalid " + key + " \"" + PasswordMasker.cut(value) + "\" in URL " + PasswordMasker.maskForError(url)
          + "; give a non-negative number of seconds, e.g. " + key + "=10 or " + key + "=2.5", e);
    }
  }

  private static String failoverStrategy(String value, String url) {
    try {
      return FailoverStrategy.of(value).kombuName();
    } catch (ConfigurationException e) {
      throw new InvalidUrlException("invalid failover_strategy \"" + PasswordMasker.cut(value) + "\" in URL " + PasswordMasker.maskForError(url)
          + "; use round-robin or shuffle", e);
    }
  }

  private static void checkScheme(String scheme, String url) {
    boolean ok = !scheme.isEmpty() && Character.isLetter(scheme.charAt(0)) && scheme.chars().allMatch(
        c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'));
    if (!ok) {
      throw new InvalidUrlException("invalid scheme \"" + PasswordMasker.cut(PasswordMasker.mask(scheme)) + "\" in URL "
          + PasswordMasker.maskForError(url) + "; a scheme names the transport, e.g. amqp://host or redis://host");
    }
  }

  private static int firstOf(String s, String chars, int from) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }

  private static @Nullable String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
