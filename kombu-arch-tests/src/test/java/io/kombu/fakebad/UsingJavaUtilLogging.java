package io.kombu.fakebad;

import java.util.logging.Logger;

/** Deliberately bad fixture for {@link io.kombu.archtests.RulesCanFailTest}; never part of a real import. */
public final class UsingJavaUtilLogging {
  /** Logs through java.util.logging instead of slf4j. */
  public void log() {
    Logger.getLogger("kombu").info("wrong logging API");
  }
}
