package io.kombu.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("kombu-bom")
class BomCompletenessTest {
  private static final ReactorPoms REACTOR = ReactorPoms.read(ReactorPoms.findRoot(Path.of("")));

  @Test
  @DisplayName("manages every published module at the reactor's version, and nothing else")
  void isComplete() {
    assertThat(BomCompletenessCheck.problems(REACTOR)).isEmpty();
  }

  @Test
  @DisplayName("the reading of the reactor sees the modules that exist today")
  void readsTheRealReactor() {
    assertThat(BomCompletenessCheck.publishedArtifacts(REACTOR))
        .contains("kombu-api", "kombu-core", "kombu-transport-memory", "kombu-testkit")
        .doesNotContain("kombu-bom", "kombu-arch-tests", "kombu-benchmarks", "kombu-examples",
            "kombu-reliability-tests");
  }

  @Test
  @DisplayName("a published module missing from the BOM is reported by name")
  void reportsAMissingModule() {
    List<ReactorPoms.Module> modules = new ArrayList<>(REACTOR.modules());
    // A module name that can never exist, so the check keeps failing on it whatever the reactor holds.
    modules.add(new ReactorPoms.Module("kombu-transport-imaginary", "kombu-transport-imaginary", false));
    ReactorPoms withNewModule = new ReactorPoms(REACTOR.version(), modules, REACTOR.bom());
    assertThat(BomCompletenessCheck.problems(withNewModule)).singleElement().asString()
        .contains("does not manage published module io.kombu:kombu-transport-imaginary");
  }

  @Test
  @DisplayName("a module that skips deployment needs no BOM entry")
  void skipsUnpublishedModules() {
    List<ReactorPoms.Module> modules = new ArrayList<>(REACTOR.modules());
    modules.add(new ReactorPoms.Module("kombu-scratch", "kombu-scratch", true));
    modules.add(new ReactorPoms.Module("kombu-examples", "kombu-examples", false));
    assertThat(BomCompletenessCheck.problems(new ReactorPoms(REACTOR.version(), modules, REACTOR.bom()))).isEmpty();
  }

  @Test
  @DisplayName("wrong versions, stale entries, third-party entries and a parent are all reported")
  void reportsEveryOtherMistake() {
    ReactorPoms.Bom bad = new ReactorPoms.Bom("9.9.9", true, List.of(
        new ReactorPoms.Entry("io.kombu", "kombu-api", "0.0.1"),
        new ReactorPoms.Entry("io.kombu", "kombu-gone", REACTOR.version()),
        new ReactorPoms.Entry("com.fasterxml.jackson.core", "jackson-databind", "2.22.4")));
    List<ReactorPoms.Module> onlyApi = List.of(new ReactorPoms.Module("kombu-api", "kombu-api", false));
    assertThat(BomCompletenessCheck.problems(new ReactorPoms(REACTOR.version(), onlyApi, bad)))
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).contains("<parent>"))
        .anySatisfy(p -> assertThat(p).contains("kombu-bom has version 9.9.9"))
        .anySatisfy(p -> assertThat(p).contains("io.kombu:kombu-api at 0.0.1"))
        .anySatisfy(p -> assertThat(p).contains("io.kombu:kombu-gone, which is not a published module"))
        .anySatisfy(p -> assertThat(p).contains("may not pin third-party versions"));
  }

  @Test
  @DisplayName("${project.version} is accepted when the BOM's own version is the reactor's")
  void acceptsProjectVersion() {
    ReactorPoms.Bom bom = new ReactorPoms.Bom(REACTOR.version(), false,
        List.of(new ReactorPoms.Entry("io.kombu", "kombu-api", "${project.version}")));
    List<ReactorPoms.Module> onlyApi = List.of(new ReactorPoms.Module("kombu-api", "kombu-api", false));
    assertThat(BomCompletenessCheck.problems(new ReactorPoms(REACTOR.version(), onlyApi, bom))).isEmpty();
  }
}
