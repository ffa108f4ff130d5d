package io.kombu.core.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Kombu's {@code FairCycle}: round-robin over resources (channels, queues) so that a busy one cannot starve the others.
 * {@link #next(Function)} tries each resource at most once, starting after the one that delivered last time.
 *
 * <p>Thread-safety: not thread-safe; one consumer thread drives it.
 *
 * @param <T> resource type
 */
public final class FairCycle<T> {
  private final List<T> resources;
  private int pos;

  /** @param resources the resources, in order (copied) */
  public FairCycle(List<? extends T> resources) {
    this.resources = new ArrayList<>(resources);
  }

  /**
   * @param fn tries one resource: a result, or null for "empty"
   * @param <R> result type
   * @return the first non-null result, or null when every resource was empty (or there are none)
   */
  public <R> @Nullable R next(Function<? super T, ? extends @Nullable R> fn) {
    int n = resources.size();
    for (int tried = 0; tried < n; tried++) {
      if (pos >= n) {
        pos = 0;
      }
      T resource = resources.get(pos++);
      R result = fn.apply(resource);
      if (result != null) {
        return result;
      }
    }
    return null;
  }

  /** @return the resources in cycle order, starting with the one tried next */
  public List<T> order() {
    int n = resources.size();
    List<T> out = new ArrayList<>(n);
    int start = n == 0 || pos >= n ? 0 : pos;
    for (int i = 0; i < n; i++) {
      out.add(resources.get((start + i) % n));
    }
    return out;
  }

  /** @return the number of resources */
  public int size() {
    return resources.size();
  }
}
