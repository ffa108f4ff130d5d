package io.kombu.core.internal.url;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Python's {@code urllib.parse.unquote} / {@code quote}: UTF-8 percent-encoding. Malformed escapes are kept literally, as
 * Python does.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class PercentCodec {
  private static final String ALWAYS_SAFE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCodec() {}

  /**
   * @param s text with {@code %XX} escapes
   * @param plusAsSpace whether {@code +} means a space (query strings)
   * @return the decoded text; invalid UTF-8 becomes U+FFFD, as in Python
   */
  public static String decode(String s, boolean plusAsSpace) {
    if (s.indexOf('%') < 0 && !(plusAsSpace && s.indexOf('+') >= 0)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 3;
        continue;
      }
      flush(bytes, out);
      out.append(plusAsSpace && c == '+' ? ' ' : c);
      i++;
    }
    flush(bytes, out);
    return out.toString();
  }

  /**
   * @param s text
   * @param safe characters left as they are besides letters, digits and {@code _.-~}
   * @return the text with every other character percent-encoded as UTF-8
   */
  public static String encode(String s, String safe) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (ALWAYS_SAFE.indexOf(c) >= 0 || safe.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return out.toString();
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      bytes.reset();
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
