package io.kombu.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.kombu.FakeApiTypeUsingSlf4j;
import io.kombu.KombuException;
import io.kombu.cli.fakecli.CommandLinePrinter;
import io.kombu.core.fakebad.CoreNamingASerializer;
import io.kombu.core.fakebad.CoreNamingATransport;
import io.kombu.core.fakebad.CoreUsingThirdPartyLibrary;
import io.kombu.fakebad.CheckedFailure;
import io.kombu.fakebad.CompressorProviderWithoutNoArgConstructor;
import io.kombu.fakebad.NonFinalSerializerProvider;
import io.kombu.fakebad.PrintingToStandardOut;
import io.kombu.fakebad.ReachingIntoOthersInternals;
import io.kombu.fakebad.UsingJavaUtilLogging;
import io.kombu.fakecyclea.CycleStart;
import io.kombu.fakecycleb.CycleEnd;
import io.kombu.fakegood.WellFormedCompressorProvider;
import io.kombu.serialization.fakebad.SerializerNamingATransport;
import io.kombu.transport.fakea.FakeTransportA;
import io.kombu.transport.fakea.internal.FakeTransportAInternals;
import io.kombu.transport.fakeb.FakeTransportBUsingTransportA;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link LayerRules}, evaluated against deliberately bad classes from this module's test sources, must report
 * them; against well-behaved fixtures it must stay quiet. The fixtures live in packages that mimic the real layout
 * ({@code io.kombu.core.fakebad}, {@code io.kombu.transport.fakea}, ...), which the real import never sees.
 */
@DisplayName("every architecture rule can fail")
class RulesCanFailTest {
  private static final ClassFileImporter IMPORTER = new ClassFileImporter();

  private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
    JavaClasses imported = IMPORTER.importClasses(classes);
    return rule.evaluate(imported);
  }

  private static String report(ArchRule rule, Class<?>... classes) {
    EvaluationResult result = evaluate(rule, classes);
    assertThat(result.hasViolation()).as("%s should report %s", rule.getDescription(), Arrays.toString(classes)).isTrue();
    return String.join("\n", result.getFailureReport().getDetails());
  }

  @Test
  @DisplayName("api depending on slf4j is reported")
  void apiDependsOnNothing() {
    assertThat(report(LayerRules.API_DEPENDS_ON_NOTHING, FakeApiTypeUsingSlf4j.class)).contains("org.slf4j.Logger");
    assertThat(evaluate(LayerRules.API_DEPENDS_ON_NOTHING, KombuException.class).hasViolation()).isFalse();
  }

  @Test
  @DisplayName("core depending on a third-party library is reported")
  void coreDependsOnlyOnApi() {
    assertThat(report(LayerRules.CORE_DEPENDS_ONLY_ON_API, CoreUsingThirdPartyLibrary.class)).contains("org.assertj");
  }

  @Test
  @DisplayName("core naming a transport or a serializer is reported")
  void coreNamesNoPlugin() {
    assertThat(report(LayerRules.CORE_NAMES_NO_PLUGIN, CoreNamingATransport.class)).contains(FakeTransportA.class.getName());
    assertThat(report(LayerRules.CORE_NAMES_NO_PLUGIN, CoreNamingASerializer.class))
        .contains(SerializerNamingATransport.class.getName());
    assertThat(evaluate(LayerRules.CORE_NAMES_NO_PLUGIN, CoreUsingThirdPartyLibrary.class).hasViolation()).isFalse();
  }

  @Test
  @DisplayName("a serializer naming a transport is reported")
  void codecsKnowNoTransport() {
    assertThat(report(LayerRules.CODECS_AND_POOLS_KNOW_NO_TRANSPORT, SerializerNamingATransport.class))
        .contains(FakeTransportA.class.getName());
  }

  @Test
  @DisplayName("one transport using another is reported")
  void transportsAreIsolated() {
    assertThat(report(LayerRules.TRANSPORTS_ARE_ISOLATED, FakeTransportA.class, FakeTransportBUsingTransportA.class))
        .contains("fakeb").contains("fakea");
    assertThat(evaluate(LayerRules.TRANSPORTS_ARE_ISOLATED, FakeTransportA.class, FakeTransportAInternals.class)
        .hasViolation()).isFalse();
  }

  @Test
  @DisplayName("reaching into another module's internal package is reported, using one's own is not")
  void internalStaysInItsModule() {
    assertThat(report(LayerRules.INTERNAL_STAYS_IN_ITS_MODULE, ReachingIntoOthersInternals.class))
        .contains("io.kombu.transport.fakea.internal").contains("io.kombu.transport.fakea");
    assertThat(evaluate(LayerRules.INTERNAL_STAYS_IN_ITS_MODULE, FakeTransportA.class, FakeTransportAInternals.class)
        .hasViolation()).isFalse();
  }

  @Test
  @DisplayName("a checked exception outside the KombuException tree is reported")
  void oneExceptionRoot() {
    assertThat(report(LayerRules.ONE_EXCEPTION_ROOT, CheckedFailure.class)).contains(CheckedFailure.class.getName());
    assertThat(evaluate(LayerRules.ONE_EXCEPTION_ROOT, KombuException.class).hasViolation()).isFalse();
  }

  @Test
  @DisplayName("a package cycle is reported")
  void noPackageCycles() {
    assertThat(report(LayerRules.NO_PACKAGE_CYCLES, CycleStart.class, CycleEnd.class)).contains("fakecyclea");
  }

  @Test
  @DisplayName("printing to System.out is reported, except in io.kombu.cli")
  void noStandardStreams() {
    assertThat(report(LayerRules.NO_STANDARD_STREAMS, PrintingToStandardOut.class)).contains("System.out");
    assertThat(evaluate(LayerRules.NO_STANDARD_STREAMS, CommandLinePrinter.class, FakeTransportA.class).hasViolation())
        .isFalse();
  }

  @Test
  @DisplayName("java.util.logging is reported, even without a Logger field")
  void noJavaUtilLogging() {
    assertThat(report(LayerRules.NO_JAVA_UTIL_LOGGING, UsingJavaUtilLogging.class)).contains("java.util.logging");
    assertThat(evaluate(LayerRules.NO_JAVA_UTIL_LOGGING, FakeTransportA.class).hasViolation()).isFalse();
  }

  @Test
  @DisplayName("providers that are not final, not public or lack a public no-argument constructor are reported")
  void providersAreLoadable() throws ClassNotFoundException {
    assertThat(report(LayerRules.PROVIDERS_ARE_LOADABLE, NonFinalSerializerProvider.class)).contains("FINAL");
    assertThat(report(LayerRules.PROVIDERS_ARE_LOADABLE, CompressorProviderWithoutNoArgConstructor.class))
        .contains("no public no-argument constructor");
    Class<?> hidden = Class.forName("io.kombu.fakebad.PackagePrivateSerializerProvider");
    assertThat(report(LayerRules.PROVIDERS_ARE_LOADABLE, hidden)).contains("public");
    assertThat(evaluate(LayerRules.PROVIDERS_ARE_LOADABLE, WellFormedCompressorProvider.class).hasViolation()).isFalse();
  }
}
