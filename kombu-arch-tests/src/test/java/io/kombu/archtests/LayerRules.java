package io.kombu.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import io.kombu.KombuException;
import io.kombu.spi.CompressorProvider;
import io.kombu.spi.SerializerProvider;
import io.kombu.spi.TransportProvider;

/**
 * Kombu-Java's architecture as ArchUnit rules (STYLE.md §1 and §7). {@link ArchitectureTest} checks them against every
 * module's main classes; {@link RulesCanFailTest} checks that each one reports deliberately bad classes, using these very
 * rule objects.
 *
 * <p>Rules about modules that do not exist yet (pools, other transports) allow an empty subject: they start to bite when the
 * module arrives, with no change here.
 *
 * <p>Thread-safety: the rules are immutable and may be evaluated from any thread.
 */
final class LayerRules {
  private LayerRules() {}

  /** kombu-api is the contract everyone builds on, so it pulls in nothing but the JDK and JSpecify. */
  static final ArchRule API_DEPENDS_ON_NOTHING = classes()
      .that().resideInAnyPackage("io.kombu", "io.kombu.spi")
      .should().onlyDependOnClassesThat().resideInAnyPackage("io.kombu", "io.kombu.spi", "java..", "org.jspecify..")
      .because("kombu-api is the contract every module and third-party transport compiles against (STYLE.md §1)");

  /** core compiles against api only; serializers, compressors and transports reach it through ServiceLoader. */
  static final ArchRule CORE_DEPENDS_ONLY_ON_API = classes()
      .that().resideInAPackage("io.kombu.core..")
      .should().onlyDependOnClassesThat().resideInAnyPackage(
          "io.kombu", "io.kombu.spi", "io.kombu.core..", "java..", "org.slf4j..", "org.jspecify..")
      .because("core takes its plug-ins through the SPI, and its only third-party dependency is slf4j-api (STYLE.md §1, §5)");

  /** core never names a plug-in module, not even in a constant: the plug-ins are found at run time. */
  static final ArchRule CORE_NAMES_NO_PLUGIN = noClasses()
      .that().resideInAPackage("io.kombu.core..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.kombu.transport..", "io.kombu.serialization..", "io.kombu.compression..", "io.kombu.pools..")
      .because("serialization and compression are runtime-scope dependencies of core, and transports build on core");

  /** Codecs and pools work with every transport, so they know none. */
  static final ArchRule CODECS_AND_POOLS_KNOW_NO_TRANSPORT = noClasses()
      .that().resideInAnyPackage("io.kombu.serialization..", "io.kombu.compression..", "io.kombu.pools..")
      .should().dependOnClassesThat().resideInAPackage("io.kombu.transport..")
      .because("serializers, compressors and pools must work with any transport (STYLE.md §1)")
      .allowEmptyShould(true);

  /** Transports are independent jars: a user picks any subset. */
  static final ArchRule TRANSPORTS_ARE_ISOLATED = slices()
      .matching("io.kombu.transport.(*)..").namingSlices("transport $1")
      .should().notDependOnEachOther()
      .because("transports never see each other (STYLE.md §1)")
      .allowEmptyShould(true);

  /** internal packages carry no compatibility promise, so only their own module may use them. */
  static final ArchRule INTERNAL_STAYS_IN_ITS_MODULE = classes()
      .that().resideInAPackage("io.kombu..")
      .should(useOnlyTheirOwnModulesInternalPackages())
      .because("internal packages are public only for technical reasons and carry no compatibility promise (STYLE.md §1)");

  /** One unchecked root, so that callers can catch everything Kombu throws at once. */
  static final ArchRule ONE_EXCEPTION_ROOT = classes()
      .that().resideInAPackage("io.kombu..").and().areAssignableTo(Exception.class)
      .should().beAssignableTo(KombuException.class)
      .because("every Kombu exception is unchecked and extends KombuException (STYLE.md §4)");

  /** Packages under io.kombu form a directed graph. */
  static final ArchRule NO_PACKAGE_CYCLES = slices()
      .matching("io.kombu.(*)..").namingSlices("io.kombu.$1")
      .should().beFreeOfCycles();

  /**
   * Library code logs through slf4j and never writes to the terminal. The command-line tool {@code io.kombu.cli} is the one
   * exception: printing to standard output and standard error is its job, the way {@code celery} and {@code kombu}'s
   * scripts report to the person who runs them.
   */
  static final ArchRule NO_STANDARD_STREAMS = noClasses()
      .that().resideOutsideOfPackage("io.kombu.cli..")
      .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
      .because("library code logs through slf4j-api (STYLE.md §5); only the CLI in io.kombu.cli may print");

  /**
   * slf4j-api is the only logging API: users pick the back-end. Stricter than ArchUnit's
   * {@code GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING}, which only sees JUL loggers stored in fields and
   * misses a plain {@code Logger.getLogger(..).info(..)} call.
   */
  static final ArchRule NO_JAVA_UTIL_LOGGING = noClasses()
      .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
      .as("no classes should use java.util.logging")
      .because("main code logs only through slf4j-api (STYLE.md §5)");

  /** ServiceLoader needs a public class with a public no-argument constructor; final keeps the contract closed. */
  static final ArchRule PROVIDERS_ARE_LOADABLE = classes()
      .that().implement(TransportProvider.class)
      .or().implement(SerializerProvider.class)
      .or().implement(CompressorProvider.class)
      .should().bePublic()
      .andShould().haveModifier(JavaModifier.FINAL)
      .andShould(havePublicNoArgumentConstructor())
      .because("ServiceLoader instantiates providers reflectively, and a provider is an entry point, not a base class")
      .allowEmptyShould(true);

  static ArchCondition<JavaClass> useOnlyTheirOwnModulesInternalPackages() {
    return new ArchCondition<>("use internal packages of their own module only") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String home = ModuleRoots.rootOf(origin.getPackageName());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
          if (ModuleRoots.isInternal(target) && !ModuleRoots.rootOf(target).equals(home)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                + ": reaches into " + target + ", an internal package of module " + ModuleRoots.rootOf(target)));
          }
        }
      }
    };
  }

  static ArchCondition<JavaClass> havePublicNoArgumentConstructor() {
    return new ArchCondition<>("have a public no-argument constructor") {
      @Override
      public void check(JavaClass provider, ConditionEvents events) {
        boolean found = provider.getConstructors().stream()
            .anyMatch(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.getRawParameterTypes().isEmpty());
        if (!found) {
          events.add(SimpleConditionEvent.violated(provider, provider.getName()
              + " has no public no-argument constructor, so ServiceLoader cannot create it"));
        }
      }
    };
  }
}
