package io.kombu.core.virtual;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Kombu's topic matching: a binding key is turned into a Python regular expression text, which Redis and MongoDB store and
 * other processes evaluate, so {@link #keyToPattern(String)} reproduces Kombu byte for byte, warts included: {@code *}
 * matches one <em>or more</em> words, {@code #} keeps its neighbouring dots literal ({@code a.#} does not match {@code
 * a}), and wildcards glued to other characters are not wildcards ({@code a*} is the regular expression "zero or more a").
 *
 * <p>{@link #matches(String, String)} evaluates such a text with Python's {@code re.match} semantics: anchored at the
 * start, {@code $} also accepting one trailing newline, {@code .} not matching a newline. Compiled patterns are cached.
 *
 * <p>Thread-safety: stateless apart from a concurrent cache; thread-safe.
 */
public final class TopicPattern {
  private static final int CACHE_LIMIT = 10_000;
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private TopicPattern() {}

  /**
   * @param bindingKey a topic binding key such as {@code stock.#}
   * @return the regular expression text Kombu stores for it, e.g. {@code ^stock\..*?$}
   */
  public static String keyToPattern(String bindingKey) {
    StringBuilder escaped = new StringBuilder(bindingKey.length() + 8);
    bindingKey.codePoints().forEach(cp -> {
      if (cp == '.' || cp == '#' || cp == '*' || isPythonAlnum(cp)) {
        escaped.appendCodePoint(cp);
      } else if (cp == 0) {
        escaped.append("\\000");
      } else {
        escaped.append('\\').appendCodePoint(cp);
      }
    });
    // split(".", -1) keeps empty words, as Python's str.split('.') does.
    String[] words = escaped.toString().split("\\.", -1);
    StringBuilder out = new StringBuilder(escaped.length() + 16).append('^');
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        out.append("\\.");
      }
      String w = words[i];
      out.append(w.equals("*") ? ".*?[^\\.]" : w.equals("#") ? ".*?" : w);
    }
    return out.append('$').toString();
  }

  /**
   * @param pattern a regular expression text made by {@link #keyToPattern(String)} (possibly read from a store)
   * @param routingKey the routing key of a message
   * @return whether Python's {@code re.match(pattern, routingKey)} would match
   */
  public static boolean matches(String pattern, String routingKey) {
    return compile(pattern).matcher(routingKey).lookingAt();
  }

  /**
   * @param bindingKey a topic binding key
   * @param routingKey a routing key
   * @return whether a message with that routing key reaches a queue bound with that key
   */
  public static boolean keyMatches(String bindingKey, String routingKey) {
    return matches(keyToPattern(bindingKey), routingKey);
  }

  private static Pattern compile(String pattern) {
    Pattern p = CACHE.get(pattern);
    if (p == null) {
      if (CACHE.size() >= CACHE_LIMIT) {
        // Binding keys are few in practice; a flood of distinct ones must not grow memory without bound.
        CACHE.clear();
      }
      // UNIX_LINES: only '\n' ends a line, so '.' and '$' behave as in Python.
      p = Pattern.compile(pattern, Pattern.UNIX_LINES);
      CACHE.put(pattern, p);
    }
    return p;
  }

  /** Python's {@code str.isalnum} for one code point: a letter (L*) or any kind of number (Nd, Nl, No). */
  static boolean isPythonAlnum(int cp) {
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }
}
