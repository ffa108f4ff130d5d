package io.kombu;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class FakeApiTypeUsingSlf4j {
  private static final Logger log = LoggerFactory.getLogger(FakeApiTypeUsingSlf4j.class);

  /** Logs, which kombu-api must never do. */
  public void announce() {
    log.info("api classes must not log");
  }
}
