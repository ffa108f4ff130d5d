package io.kombu.core.fakebad;

import org.assertj.core.api.Assertions;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class CoreUsingThirdPartyLibrary {
  /** @param value checked with AssertJ, a library core must not use */
  public void check(Object value) {
    Assertions.assertThat(value).isNotNull();
  }
}
