package io.kombu.archtests;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Keeps test classes out of the import. ArchUnit's own {@link ImportOption.DoNotIncludeTests} only knows
 * {@code target/test-classes}; parallel builds here write to {@code target-<tag>/test-classes} ({@code -Dkombu.target}),
 * and the deliberately bad classes of {@link RulesCanFailTest} must never reach {@link ArchitectureTest}.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
public final class MainClassesOnly implements ImportOption {
  /** Creates the option; ArchUnit instantiates it reflectively. */
  public MainClassesOnly() {}

  @Override
  public boolean includes(Location location) {
    return !location.contains("/test-classes/") && !location.contains("-tests.jar");
  }
}
