package io.kombu.serialization.fakebad;

import io.kombu.transport.fakea.FakeTransportA;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class SerializerNamingATransport {
  /** @return a transport class, which a serializer must never know */
  public Class<?> transportClass() {
    return FakeTransportA.class;
  }
}
