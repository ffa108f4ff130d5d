package io.kombu.transport.fakeb;

import io.kombu.transport.fakea.FakeTransportA;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class FakeTransportBUsingTransportA {
  /** @return a value borrowed from another transport, which transports must never do */
  public int borrow() {
    return new FakeTransportA().answer();
  }
}
