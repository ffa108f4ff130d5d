package io.kombu.core.virtual.internal;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUID texts for delivery tags and server-named queues. These name messages, they guard nothing, so
 * a fast per-thread generator replaces {@link UUID#randomUUID()}'s shared secure one on the publish path.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Uuids {
  private Uuids() {}

  /** @return a lower-case, hyphenated uuid4 text */
  public static String random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
