package io.kombu.core.fakebad;

import io.kombu.serialization.fakebad.SerializerNamingATransport;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class CoreNamingASerializer {
  /** @return a serialization class, which core must only find through ServiceLoader */
  public Class<?> serializerClass() {
    return SerializerNamingATransport.class;
  }
}
