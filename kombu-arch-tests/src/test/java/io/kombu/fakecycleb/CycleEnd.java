package io.kombu.fakecycleb;

import io.kombu.fakecyclea.CycleStart;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class CycleEnd {
  /** @return the first half of the cycle */
  public CycleStart back() {
    return new CycleStart();
  }
}
