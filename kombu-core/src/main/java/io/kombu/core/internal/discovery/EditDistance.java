package io.kombu.core.internal.discovery;

import java.util.Collection;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Finds a close match for a misspelt name, for "did you mean" hints (Kombu's {@code fmatch_best}).
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class EditDistance {
  private EditDistance() {}

  /**
   * @param word what the user wrote
   * @param candidates known names
   * @param maxDistance the largest Levenshtein distance still offered
   * @return the closest candidate (alphabetically first on ties) other than the word itself, or null
   */
  public static @Nullable String closest(String word, Collection<String> candidates, int maxDistance) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : new TreeSet<>(candidates)) {
      if (c.equals(word)) {
        continue;
      }
      int d = distance(word, c);
      if (d <= maxDistance && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /**
   * @param a a string
   * @param b another
   * @return the Levenshtein distance between them
   */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
