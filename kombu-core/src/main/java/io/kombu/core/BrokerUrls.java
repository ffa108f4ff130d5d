package io.kombu.core;

import io.kombu.InvalidUrlException;
import io.kombu.core.internal.url.PasswordMasker;
import io.kombu.core.internal.url.PercentCodec;
import io.kombu.core.internal.url.UrlParser;
import io.kombu.spi.BrokerUrl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parses and renders Kombu broker URLs: {@code transport://user:pass@host:port/vhost?options}, Kombu's {@code a+b://rest}
 * form and {@code ;}-separated failover lists. Transport defaults (ports, guest/guest, virtual host {@code /}) are not
 * applied here: each {@link io.kombu.spi.TransportProvider#applyDefaults} does that.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class BrokerUrls {
  private BrokerUrls() {}

  /**
   * Parses a Kombu URL or {@code ;}-separated failover list; the first element is the primary, the rest are alternates.
   * An alternate without {@code ://} is a host name only ({@code host} or {@code host:port}) and inherits everything else
   * from the primary, as Kombu's {@code Connection.switch}.
   *
   * @param url e.g. {@code amqp://guest:guest@localhost:5672//} or {@code redis://a:6379/0;redis://b:6379/0}
   * @return at least one element
   * @throws InvalidUrlException when the URL cannot be parsed, names an unknown option, or mixes transports; the message
   *     masks the password
   */
  public static List<BrokerUrl> parse(String url) {
    Objects.requireNonNull(url, "url");
    List<String> elements = new ArrayList<>();
    for (String element : url.split(";")) {
      String trimmed = element.trim();
      if (!trimmed.isEmpty()) {
        elements.add(trimmed);
      }
    }
    if (elements.isEmpty()) {
      throw new InvalidUrlException("empty broker URL \"" + PasswordMasker.maskForError(url) + "\"; write e.g. amqp://guest:guest@localhost//");
    }
    BrokerUrl primary = UrlParser.parse(elements.get(0));
    List<BrokerUrl> out = new ArrayList<>(elements.size());
    out.add(primary);
    for (String element : elements.subList(1, elements.size())) {
      BrokerUrl alternate = element.contains("://") ? UrlParser.parse(element) : hostOnly(primary, element, url);
      if (!alternate.transport().equals(primary.transport())) {
        throw new InvalidUrlException("failover list " + PasswordMasker.maskForError(url) + " mixes transports \"" + primary.transport()
            + "\" and \"" + alternate.transport() + "\"; every URL in a failover list must use one transport");
      }
      out.add(alternate);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Parses a URL that must be a single broker (no failover list).
   *
   * @param url one URL
   * @return the parsed URL
   * @throws InvalidUrlException when it cannot be parsed or is a failover list
   */
  public static BrokerUrl parseOne(String url) {
    List<BrokerUrl> all = parse(url);
    if (all.size() != 1) {
      throw new InvalidUrlException("expected one broker URL but got a failover list of " + all.size() + ": " + PasswordMasker.maskForError(url));
    }
    return all.get(0);
  }

  /**
   * Kombu's {@code as_uri}: {@code transport://user:**@host:port/<vhost percent-quoted, '/' kept>}, e.g. {@code
   * amqp://guest:**@localhost:5672//}. A missing host renders as {@code localhost}; prefixed URLs render {@code
   * prefix+hostname}. Apply the transport's defaults first to see them in the result.
   *
   * @param url the URL
   * @param includePassword whether to show the password instead of {@code **}
   * @return the rendered URL
   */
  public static String asUri(BrokerUrl url, boolean includePassword) {
    Objects.requireNonNull(url, "url");
    String hostname = url.hostname() == null ? "localhost" : url.hostname();
    if (url.uriPrefix() != null) {
      String s = url.uriPrefix() + "+" + hostname;
      return includePassword ? s : mask(s);
    }
    StringBuilder sb = new StringBuilder(url.transport()).append("://");
    String user = url.userid();
    String password = url.password();
    boolean hasUser = user != null && !user.isEmpty();
    boolean hasPassword = password != null && !password.isEmpty();
    if (hasUser || hasPassword) {
      if (hasUser) {
        sb.append(PercentCodec.encode(user, ""));
      }
      if (hasPassword) {
        sb.append(':').append(includePassword ? PercentCodec.encode(password, "") : PasswordMasker.MASK);
      }
      sb.append('@');
    }
    sb.append(PercentCodec.encode(hostname, ""));
    if (url.port() != null && url.port() != 0) {
      sb.append(':').append(url.port());
    }
    sb.append('/');
    if (url.virtualHost() != null) {
      sb.append(PercentCodec.encode(url.virtualHost(), "/"));
    }
    if (KnownTransports.parsesOwnUrls(url.transport()) && !url.query().isEmpty()) {
      // These transports read their options from the URL, so they are part of its identity.
      char sepChar = '?';
      for (Map.Entry<String, String> e : url.query().entrySet()) {
        boolean hide = !includePassword && PasswordMasker.looksSecret(e.getKey());
        sb.append(sepChar).append(PercentCodec.encode(e.getKey(), "")).append('=')
            .append(hide ? PasswordMasker.MASK : PercentCodec.encode(e.getValue(), ""));
        sepChar = '&';
      }
    }
    return sb.toString();
  }

  /**
   * Masks the password of a raw URL string for messages and logs, even when the URL is malformed.
   *
   * @param rawUrl a URL, failover list or any text
   * @return the text with passwords replaced by {@code **}
   */
  public static String mask(String rawUrl) {
    return PasswordMasker.mask(Objects.requireNonNull(rawUrl, "rawUrl"));
  }

  private static BrokerUrl hostOnly(BrokerUrl primary, String element, String whole) {
    if (element.indexOf('@') >= 0 || element.indexOf('/') >= 0 || element.indexOf('?') >= 0) {
      throw new InvalidUrlException("failover element \"" + PasswordMasker.maskForError(element) + "\" in " + PasswordMasker.maskForError(whole)
          + " has no scheme; write a full URL such as " + primary.transport() + "://host or a bare host[:port]");
    }
    int colon = element.indexOf(':');
    if (colon >= 0 && colon != element.lastIndexOf(':')) {
      throw new InvalidUrlException("IPv6 address literals are not supported (as in Kombu): " + PasswordMasker.maskForError(whole)
          + "; use a host name that resolves to the address instead");
    }
    UrlParser.checkHostLength(colon < 0 ? element : element.substring(0, colon), whole);
    BrokerUrl.Builder b = primary.toBuilder().uriPrefix(null);
    if (colon < 0) {
      return b.hostname(element.toLowerCase(java.util.Locale.ROOT)).build();
    }
    return b.hostname(element.substring(0, colon).toLowerCase(java.util.Locale.ROOT))
        .port(UrlParser.parsePort(element.substring(colon + 1), whole)).build();
  }
}
