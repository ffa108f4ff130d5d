package io.kombu.core.fakebad;

import io.kombu.transport.fakea.FakeTransportA;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class CoreNamingATransport {
  /** @return a transport class, which core must never name */
  public Class<?> transportClass() {
    return FakeTransportA.class;
  }
}
