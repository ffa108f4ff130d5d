package io.kombu.core.registry;

import java.util.Set;

/** A provider that loads but fails when asked for its schemes. */
public final class BrokenSchemesTransportProvider extends TestTransportProvider {
  /** Creates it. */
  public BrokenSchemesTransportProvider() {
    super("broken", "broken");
  }

  @Override
  public Set<String> schemes() {
    throw new IllegalStateException("schemes unavailable");
  }
}
