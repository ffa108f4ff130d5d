package io.kombu.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Checks the jars the build really produced (failsafe runs after {@code package}, so the reactor hands this module the
 * packaged jars rather than class folders): each carries an {@code Automatic-Module-Name} equal to its root package, keeps
 * every class under that root, and shares no package with another Kombu jar (split packages break the module system).
 */
@DisplayName("the packaged Kombu jars")
class PackagedJarsIT {
  private static final ReactorPoms REACTOR = ReactorPoms.read(ReactorPoms.findRoot(Path.of("")));

  private static List<Path> kombuJars() {
    List<Path> jars = new ArrayList<>();
    for (Path entry : ServiceFileCheck.classPath()) {
      String name = entry.getFileName().toString();
      if (name.startsWith("kombu-") && name.endsWith(".jar")) {
        jars.add(entry);
      }
    }
    return jars;
  }

  private static String artifactOf(Path jar) {
    String name = jar.getFileName().toString();
    return name.substring(0, name.lastIndexOf('-', name.lastIndexOf("-SNAPSHOT") > 0 ? name.lastIndexOf("-SNAPSHOT") - 1
        : name.length() - 1));
  }

  @Test
  @DisplayName("are on the class path as jars, one per published module")
  void areJars() {
    assertThat(kombuJars()).extracting(PackagedJarsIT::artifactOf)
        .containsExactlyInAnyOrderElementsOf(BomCompletenessCheck.publishedArtifacts(REACTOR));
  }

  @Test
  @DisplayName("declare Automatic-Module-Name as their root package and keep their classes under it, sharing no package")
  void ownTheirPackages() throws IOException {
    Map<String, String> packageOwners = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Path jar : kombuJars()) {
      String artifact = artifactOf(jar);
      String root = ReactorLayoutCheck.rootPackageOf(artifact);
      try (JarFile file = new JarFile(jar.toFile())) {
        String moduleName = file.getManifest() == null ? null
            : file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        if (!root.equals(moduleName)) {
          problems.add(artifact + ": Automatic-Module-Name is " + moduleName + ", expected " + root);
        }
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (!name.endsWith(".class") || name.endsWith("module-info.class") || name.startsWith("META-INF/")) {
            continue;
          }
          String pkg = name.contains("/") ? name.substring(0, name.lastIndexOf('/')).replace('/', '.') : "";
          boolean underRoot = artifact.equals("kombu-api")
              ? pkg.equals("io.kombu") || pkg.equals("io.kombu.spi")
              : pkg.equals(root) || pkg.startsWith(root + ".");
          if (!underRoot) {
            problems.add(artifact + ": class " + name + " lies outside the jar's root package " + root);
          }
          String owner = packageOwners.putIfAbsent(pkg, artifact);
          if (owner != null && !owner.equals(artifact)) {
            problems.add("package " + pkg + " is split between " + owner + " and " + artifact);
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }
}
