package io.kombu.core;

import io.kombu.ConfigurationException;
import io.kombu.TransportNotFoundException;
import io.kombu.VersionMismatchException;
import io.kombu.core.internal.discovery.CodeSources;
import io.kombu.core.internal.discovery.EditDistance;
import io.kombu.core.internal.discovery.ProviderFailure;
import io.kombu.core.internal.discovery.SafeServiceLoader;
import io.kombu.core.internal.url.PasswordMasker;
import io.kombu.spi.BrokerUrl;
import io.kombu.spi.Spi;
import io.kombu.spi.TransportProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds the {@link TransportProvider} for a URL's scheme (STYLE.md §2 "How a URL finds its provider"): providers given to
 * the {@link Builder} win and skip discovery for their schemes; otherwise {@link java.util.ServiceLoader} finds them (with
 * kombu-core's class loader or the one given). When two discovered providers serve one scheme, the system property {@code
 * kombu.transport.<scheme>=<provider class name>} chooses; without it the lookup fails naming both jars. Providers that
 * fail to load are logged at WARN and named in the "not found" error. Transports themselves are created lazily by the
 * provider.
 *
 * <p>Thread-safety: immutable after {@link Builder#build()}; thread-safe.
 */
public final class TransportRegistry {
  /** Prefix of the system property that picks a provider class for a scheme. */
  public static final String OVERRIDE_PROPERTY_PREFIX = "kombu.transport.";

  private final Map<String, TransportProvider> explicit;
  private final Map<String, List<TransportProvider>> discovered;
  private final List<TransportProvider> providers;
  private final List<ProviderFailure> failures;

  private TransportRegistry(Map<String, TransportProvider> explicit, Map<String, List<TransportProvider>> discovered,
      List<TransportProvider> providers, List<ProviderFailure> failures) {
    this.explicit = Collections.unmodifiableMap(explicit);
    this.discovered = Collections.unmodifiableMap(discovered);
    this.providers = List.copyOf(providers);
    this.failures = List.copyOf(failures);
  }

  /**
   * @return the registry of every provider visible to kombu-core's class loader, built on first use and then shared (once
   *     per class loader that loaded kombu-core)
   */
  public static TransportRegistry defaultRegistry() {
    return DefaultHolder.INSTANCE;
  }

  /** @return a builder for a registry with explicit providers or another class loader */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param url a parsed URL
   * @return the provider for {@code url.transport()} (for {@code a+b://} URLs, the prefix)
   * @throws TransportNotFoundException when no provider serves it; the message masks the password
   * @throws ConfigurationException when two providers serve it and nothing chooses between them
   */
  public TransportProvider forUrl(BrokerUrl url) {
    Objects.requireNonNull(url, "url");
    return forScheme(url.transport(), BrokerUrls.asUri(url, false));
  }

  /**
   * @param scheme a URL scheme, any case
   * @param urlForMessages the URL to show in errors, already masked
   * @return the provider serving the scheme
   * @throws TransportNotFoundException when no provider serves it
   * @throws ConfigurationException when two providers serve it and nothing chooses between them
   */
  public TransportProvider forScheme(String scheme, String urlForMessages) {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(urlForMessages, "urlForMessages");
    String s = scheme.toLowerCase(Locale.ROOT);
    TransportProvider chosen = explicit.get(s);
    if (chosen != null) {
      return chosen;
    }
    List<TransportProvider> candidates = discovered.getOrDefault(s, List.of());
    if (candidates.isEmpty() && s.indexOf('+') > 0 && !explicit.containsKey(s)) {
      String prefix = s.substring(0, s.indexOf('+'));
      if (explicit.containsKey(prefix)) {
        return explicit.get(prefix);
      }
      candidates = discovered.getOrDefault(prefix, List.of());
      s = candidates.isEmpty() ? s : prefix;
    }
    String override = System.getProperty(OVERRIDE_PROPERTY_PREFIX + s);
    if (override != null && !override.isBlank()) {
      return byOverride(s, override.trim(), candidates, urlForMessages);
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw new TransportNotFoundException(notFoundMessage(s, urlForMessages));
    }
    throw new ConfigurationException("two or more transport providers serve scheme \"" + s + "\" (url "
        + urlForMessages + "): " + describeAll(candidates) + ". Keep only one of these jars on the class path, or choose"
        + " one with -D" + OVERRIDE_PROPERTY_PREFIX + s + "=<provider class name>, or pass it explicitly with"
        + " Kombu.builder().transport(provider)");
  }

  /** @return every usable provider: explicit ones first, then discovered ones, each once */
  public List<TransportProvider> providers() {
    return providers;
  }

  /** @return descriptions of providers that were found but could not be used (failed to load, wrong SPI version) */
  public List<String> failures() {
    return failures.stream().map(ProviderFailure::description).collect(Collectors.toUnmodifiableList());
  }

  /** @return every scheme some provider serves, lower case, sorted */
  public Set<String> schemes() {
    Set<String> all = new TreeSet<>(explicit.keySet());
    all.addAll(discovered.keySet());
    return Collections.unmodifiableSet(all);
  }

  private TransportProvider byOverride(String scheme, String className, List<TransportProvider> candidates,
      String urlForMessages) {
    for (TransportProvider p : candidates) {
      if (p.getClass().getName().equals(className)) {
        return p;
      }
    }
    throw new ConfigurationException("-D" + OVERRIDE_PROPERTY_PREFIX + scheme + "=" + className
        + " names a provider class that was not found for scheme \"" + scheme + "\" (url " + urlForMessages + "). "
        + (candidates.isEmpty() ? "No provider serves that scheme" : "Providers found: " + describeAll(candidates))
        + "; fix or remove the property");
  }

  private String notFoundMessage(String scheme, String url) {
    StringBuilder sb = new StringBuilder("no transport for scheme \"").append(PasswordMasker.cut(scheme))
        .append("\" (url ").append(PasswordMasker.cutUrl(url)).append(").");
    String coordinates = KnownTransports.coordinates(scheme).orElse(null);
    if (coordinates != null) {
      sb.append("\n  Add the dependency ").append(coordinates).append("; kombu-bom manages its version.");
    } else {
      Set<String> known = new LinkedHashSet<>(KnownTransports.schemes());
      known.addAll(schemes());
      String suggestion = EditDistance.closest(scheme, known, 2);
      sb.append("\n  Kombu-Java knows no transport by that name");
      sb.append(suggestion == null ? "." : "; did you mean \"" + suggestion + "\"?");
    }
    sb.append("\n  Transports on the class path: ");
    if (providers.isEmpty()) {
      sb.append("none.");
    } else {
      sb.append(providers.stream().map(TransportRegistry::label).distinct().sorted().collect(Collectors.joining(", ")))
          .append('.');
    }
    for (ProviderFailure f : failures) {
      sb.append("\n  A transport provider was found but could not be used: ").append(f.description()).append('.');
    }
    return sb.toString();
  }

  private static String label(TransportProvider p) {
    String name = safeName(p);
    String artifact = KnownTransports.isKnownName(name) ? KnownTransports.artifactIdForName(name) : null;
    if (artifact == null) {
      artifact = CodeSources.jarNameOf(p.getClass());
    }
    return name + " (" + (artifact == null ? p.getClass().getName() : artifact) + ")";
  }

  private static String describeAll(List<TransportProvider> candidates) {
    return candidates.stream().map(p -> p.getClass().getName() + " (from " + CodeSources.locationOf(p.getClass()) + ")")
        .collect(Collectors.joining(" and "));
  }

  private static String safeName(TransportProvider p) {
    try {
      return p.name();
    } catch (RuntimeException | LinkageError e) {
      return p.getClass().getName();
    }
  }

  private static final class DefaultHolder {
    static final TransportRegistry INSTANCE = builder().build();
  }

  /**
   * Builds a {@link TransportRegistry}.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder {
    private final List<TransportProvider> explicit = new ArrayList<>();
    private @Nullable ClassLoader classLoader;
    private boolean discovery = true;

    private Builder() {}

    /**
     * Adds a provider chosen explicitly: it always serves its schemes, and discovery is skipped for them.
     *
     * @param provider the provider
     * @return this
     */
    public Builder provider(TransportProvider provider) {
      explicit.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * @param loader the class loader ServiceLoader searches (default: kombu-core's own)
     * @return this
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * @param enabled false to use only the explicit providers (OSGi, tests, frameworks avoiding class-path scanning)
     * @return this
     */
    public Builder discovery(boolean enabled) {
      this.discovery = enabled;
      return this;
    }

    /**
     * @return the registry
     * @throws ConfigurationException when two explicit providers claim one scheme
     * @throws VersionMismatchException when an explicit provider was built for another SPI version
     */
    public TransportRegistry build() {
      Map<String, TransportProvider> bySchemeExplicit = new LinkedHashMap<>();
      List<TransportProvider> all = new ArrayList<>();
      for (TransportProvider p : explicit) {
        if (p.spiVersion() != Spi.VERSION) {
          throw new VersionMismatchException("transport provider " + p.getClass().getName() + " was built for SPI version "
              + p.spiVersion() + " but this kombu-core speaks version " + Spi.VERSION
              + "; use matching Kombu-Java versions (import kombu-bom)");
        }
        for (String scheme : p.schemes()) {
          String s = scheme.toLowerCase(Locale.ROOT);
          TransportProvider previous = bySchemeExplicit.putIfAbsent(s, p);
          if (previous != null && previous != p) {
            throw new ConfigurationException("two explicit transport providers serve scheme \"" + s + "\": "
                + previous.getClass().getName() + " and " + p.getClass().getName() + "; pass only one of them");
          }
        }
        if (!all.contains(p)) {
          all.add(p);
        }
      }
      Map<String, List<TransportProvider>> byScheme = new LinkedHashMap<>();
      List<ProviderFailure> failures = new ArrayList<>();
      if (discovery) {
        ClassLoader loader = classLoader != null ? classLoader : TransportRegistry.class.getClassLoader();
        SafeServiceLoader.Loaded<TransportProvider> loaded =
            SafeServiceLoader.load(TransportProvider.class, loader, TransportProvider::spiVersion);
        failures.addAll(loaded.failures());
        for (TransportProvider p : loaded.providers()) {
          Set<String> schemes;
          try {
            schemes = p.schemes();
          } catch (RuntimeException | LinkageError e) {
            failures.add(SafeServiceLoader.failure(TransportProvider.class, p, e));
            continue;
          }
          boolean used = false;
          for (String scheme : schemes) {
            String s = scheme.toLowerCase(Locale.ROOT);
            if (!bySchemeExplicit.containsKey(s)) {
              byScheme.computeIfAbsent(s, k -> new ArrayList<>()).add(p);
              used = true;
            }
          }
          if (used) {
            all.add(p);
          }
        }
      }
      byScheme.replaceAll((k, v) -> List.copyOf(v));
      return new TransportRegistry(bySchemeExplicit, byScheme, all, failures);
    }
  }
}
