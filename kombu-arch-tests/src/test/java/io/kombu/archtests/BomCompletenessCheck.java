package io.kombu.archtests;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maven cannot generate a BOM from the reactor, so this check compares {@code kombu-bom/pom.xml} with the parent's module
 * list: every published module must be managed there, at the reactor's version, and nothing else may be.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class BomCompletenessCheck {
  static final String KOMBU_GROUP_ID = ReactorPoms.KOMBU_GROUP_ID;
  /** Modules that are never published, whatever their POM says: the BOM itself, and tests, benchmarks and examples. */
  static final Set<String> NEVER_PUBLISHED =
      Set.of("kombu-bom", "kombu-arch-tests", "kombu-benchmarks", "kombu-examples");

  private BomCompletenessCheck() {}

  /** @return the artifactIds of the modules a release publishes, in module order */
  static Set<String> publishedArtifacts(ReactorPoms reactor) {
    Set<String> published = new LinkedHashSet<>();
    for (ReactorPoms.Module module : reactor.modules()) {
      if (!NEVER_PUBLISHED.contains(module.artifactId()) && !module.deploySkipped()) {
        published.add(module.artifactId());
      }
    }
    return published;
  }

  /** @return one line per problem, each saying what to change in kombu-bom/pom.xml; empty when the BOM is complete */
  static List<String> problems(ReactorPoms reactor) {
    List<String> problems = new ArrayList<>();
    String version = reactor.version();
    ReactorPoms.Bom bom = reactor.bom();
    if (bom.hasParent()) {
      problems.add("kombu-bom has a <parent>: remove it, importing the BOM must bring Kombu's versions and nothing else");
    }
    if (!bom.version().equals(version)) {
      problems.add("kombu-bom has version " + bom.version() + " but the reactor is " + version + ": make them equal");
    }
    Set<String> published = publishedArtifacts(reactor);
    Set<String> managed = new LinkedHashSet<>();
    for (ReactorPoms.Entry entry : bom.entries()) {
      String coordinates = entry.groupId() + ":" + entry.artifactId();
      if (!entry.groupId().equals(KOMBU_GROUP_ID)) {
        problems.add("kombu-bom manages " + coordinates + ": a BOM of Kombu artifacts only may not pin third-party versions");
        continue;
      }
      managed.add(entry.artifactId());
      if (!published.contains(entry.artifactId())) {
        problems.add("kombu-bom manages " + coordinates + ", which is not a published module of the reactor: remove it"
            + " or add the module");
      }
      boolean sameVersion = entry.version().equals(version)
          || (entry.version().equals("${project.version}") && bom.version().equals(version));
      if (!sameVersion) {
        problems.add("kombu-bom manages " + coordinates + " at " + entry.version() + " but the reactor is " + version
            + ": use " + version);
      }
    }
    for (String artifactId : published) {
      if (!managed.contains(artifactId)) {
        problems.add("kombu-bom does not manage published module " + KOMBU_GROUP_ID + ":" + artifactId + ": add"
            + " <dependency><groupId>io.kombu</groupId><artifactId>" + artifactId + "</artifactId><version>" + version
            + "</version></dependency> to kombu-bom/pom.xml (or set maven.deploy.skip=true in a module that is not"
            + " published)");
      }
    }
    return problems;
  }
}
