package io.kombu.archtests;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the reactor's modules in the shape the rules assume: each published module's {@code automatic.module.name} is the
 * root package its artifactId promises ({@code kombu-transport-redis} owns {@code io.kombu.transport.redis}), and
 * kombu-arch-tests depends on every published module, so that the architecture rules and the coverage report see them all.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class ReactorLayoutCheck {
  static final String ARCH_TESTS = "kombu-arch-tests";

  private ReactorLayoutCheck() {}

  /** @param artifactId e.g. {@code kombu-transport-redis} @return the root package it owns, e.g. {@code io.kombu.transport.redis} */
  static String rootPackageOf(String artifactId) {
    if (artifactId.equals("kombu-api")) {
      return "io.kombu";
    }
    return "io.kombu." + artifactId.substring("kombu-".length()).replaceFirst("^transport-", "transport.");
  }

  /** @return one line per problem, each saying what to change; empty when the layout holds */
  static List<String> problems(ReactorPoms reactor) {
    List<String> problems = new ArrayList<>();
    Set<String> published = BomCompletenessCheck.publishedArtifacts(reactor);
    for (String artifactId : published) {
      ReactorPoms.Module module = reactor.module(artifactId).orElseThrow();
      String expected = rootPackageOf(artifactId);
      if (!expected.equals(module.automaticModuleName())) {
        problems.add(module.directory() + "/pom.xml sets automatic.module.name to " + module.automaticModuleName()
            + ": set it to " + expected + ", the root package of " + artifactId);
      }
    }
    List<String> seen = reactor.module(ARCH_TESTS).map(ReactorPoms.Module::kombuDependencies).orElse(List.of());
    for (String artifactId : published) {
      if (!seen.contains(artifactId)) {
        problems.add(ARCH_TESTS + "/pom.xml does not depend on published module " + artifactId
            + ": add it, so that the architecture rules and the coverage report cover it");
      }
    }
    return problems;
  }
}
