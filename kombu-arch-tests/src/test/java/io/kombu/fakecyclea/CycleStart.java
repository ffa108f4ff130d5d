package io.kombu.fakecyclea;

import io.kombu.fakecycleb.CycleEnd;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class CycleStart {
  /** @return the other half of the cycle */
  public CycleEnd next() {
    return new CycleEnd();
  }
}
