package io.kombu.transport.fakea;

import io.kombu.transport.fakea.internal.FakeTransportAInternals;

/** A well-behaved fixture for {@link io.kombu.archtests.RulesCanFailTest}: a transport using its own internal package. */
public final class FakeTransportA {
  private final FakeTransportAInternals internals = new FakeTransportAInternals();

  /** @return a value computed by the internals */
  public int answer() {
    return internals.answer();
  }
}
