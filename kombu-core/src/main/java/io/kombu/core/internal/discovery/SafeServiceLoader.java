package io.kombu.core.internal.discovery;

import io.kombu.spi.Spi;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every provider of a service with {@link ServiceLoader}, surviving broken ones: a {@link ServiceConfigurationError}
 * or {@link LinkageError} (a driver class missing) is logged at WARN and remembered, and loading goes on with the next
 * provider. Providers built for another {@link Spi#VERSION} are rejected the same way.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class SafeServiceLoader {
  private static final Logger log = LoggerFactory.getLogger(SafeServiceLoader.class);

  /** Stops a pathological class path from failing forever. */
  private static final int MAX_FAILURES = 1000;

  private SafeServiceLoader() {}

  /**
   * What was loaded and what was not.
   *
   * <p>Thread-safety: immutable once returned.
   *
   * @param providers usable providers, in class-path order
   * @param failures providers that could not be used
   * @param <S> the service type
   */
  public record Loaded<S>(List<S> providers, List<ProviderFailure> failures) {
    /**
     * Copies the lists.
     *
     * @param providers usable providers
     * @param failures providers that could not be used
     */
    public Loaded {
      providers = List.copyOf(providers);
      failures = List.copyOf(failures);
    }
  }

  /**
   * @param service the service interface
   * @param loader the class loader to search
   * @param spiVersion reads a provider's {@code spiVersion()}
   * @param <S> the service type
   * @return the usable providers and the failures
   */
  public static <S> Loaded<S> load(Class<S> service, ClassLoader loader, ToIntFunction<S> spiVersion) {
    List<S> providers = new ArrayList<>();
    List<ProviderFailure> failures = new ArrayList<>();
    Iterator<S> it = ServiceLoader.load(service, loader).iterator();
    while (failures.size() < MAX_FAILURES) {
      S provider;
      try {
        if (!it.hasNext()) {
          break;
        }
        provider = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        failures.add(failure(service, e));
        continue;
      }
      try {
        int version = spiVersion.applyAsInt(provider);
        if (version != Spi.VERSION) {
          String description = "provider " + provider.getClass().getName() + " (from "
              + CodeSources.locationOf(provider.getClass()) + ") was built for SPI version " + version
              + " but this kombu-core speaks version " + Spi.VERSION
              + "; use matching Kombu-Java versions (import kombu-bom)";
          log.warn("Skipping {}: VersionMismatchException: {}", service.getSimpleName(), description);
          failures.add(new ProviderFailure(description, null));
          continue;
        }
      } catch (RuntimeException | LinkageError e) {
        failures.add(failure(service, e));
        continue;
      }
      providers.add(provider);
    }
    return new Loaded<>(providers, failures);
  }

  /**
   * Records and logs a provider that failed while being introspected after loading.
   *
   * @param service the service interface
   * @param provider the provider
   * @param e what it threw
   * @return the failure
   */
  public static ProviderFailure failure(Class<?> service, Object provider, Throwable e) {
    String description = "provider " + provider.getClass().getName() + " (from "
        + CodeSources.locationOf(provider.getClass()) + ") failed: " + describe(e);
    log.warn("Skipping {} {}", service.getSimpleName(), description, e);
    return new ProviderFailure(description, e);
  }

  private static ProviderFailure failure(Class<?> service, Throwable e) {
    String description = describe(e);
    log.warn("Skipping a {} that failed to load: {}", service.getSimpleName(), description, e);
    return new ProviderFailure(description, e);
  }

  /**
   * @param e an error
   * @return its message followed by its root cause, on one line
   */
  public static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String own = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return root == e ? e.toString() : own + " (caused by " + root + ")";
  }
}
