package io.kombu.transport.fakea.internal;

/** Internal package of the fixture transport "fakea". */
public final class FakeTransportAInternals {
  /** @return a constant */
  public int answer() {
    return 42;
  }
}
