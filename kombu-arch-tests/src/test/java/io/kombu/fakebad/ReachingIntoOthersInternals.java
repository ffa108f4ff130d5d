package io.kombu.fakebad;

import io.kombu.transport.fakea.internal.FakeTransportAInternals;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class ReachingIntoOthersInternals {
  /** @return a value from another module's internal package */
  public int borrow() {
    return new FakeTransportAInternals().answer();
  }
}
