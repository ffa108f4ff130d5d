package io.kombu.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the reactor's layout")
class ReactorLayoutTest {
  private static final ReactorPoms REACTOR = ReactorPoms.read(ReactorPoms.findRoot(Path.of("")));

  @Test
  @DisplayName("gives every published module its root package as module name, and kombu-arch-tests sees them all")
  void holds() {
    assertThat(ReactorLayoutCheck.problems(REACTOR)).isEmpty();
  }

  @Test
  @DisplayName("the root package follows from the artifactId")
  void rootPackages() {
    assertThat(ReactorLayoutCheck.rootPackageOf("kombu-api")).isEqualTo("io.kombu");
    assertThat(ReactorLayoutCheck.rootPackageOf("kombu-core")).isEqualTo("io.kombu.core");
    assertThat(ReactorLayoutCheck.rootPackageOf("kombu-transport-redis")).isEqualTo("io.kombu.transport.redis");
  }

  @Test
  @DisplayName("a wrong module name and a module kombu-arch-tests does not see are reported")
  void reportsProblems() {
    List<ReactorPoms.Module> modules = new ArrayList<>(REACTOR.modules());
    modules.add(new ReactorPoms.Module("kombu-transport-imaginary", "kombu-transport-imaginary", false, "io.kombu.imaginary",
        List.of("kombu-core")));
    assertThat(ReactorLayoutCheck.problems(new ReactorPoms(REACTOR.version(), modules, REACTOR.bom())))
        .containsExactlyInAnyOrder(
            "kombu-transport-imaginary/pom.xml sets automatic.module.name to io.kombu.imaginary: set it to"
                + " io.kombu.transport.imaginary, the root package of kombu-transport-imaginary",
            "kombu-arch-tests/pom.xml does not depend on published module kombu-transport-imaginary: add it, so that the"
                + " architecture rules and the coverage report cover it");
  }
}
