package io.kombu.archtests;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Checks {@link LayerRules} against the main classes of every module on the class path. */
@AnalyzeClasses(packages = "io.kombu", importOptions = {ImportOption.DoNotIncludeTests.class, MainClassesOnly.class})
class ArchitectureTest {
  @ArchTest static final ArchRule apiDependsOnNothing = LayerRules.API_DEPENDS_ON_NOTHING;
  @ArchTest static final ArchRule coreDependsOnlyOnApi = LayerRules.CORE_DEPENDS_ONLY_ON_API;
  @ArchTest static final ArchRule coreNamesNoPlugin = LayerRules.CORE_NAMES_NO_PLUGIN;
  @ArchTest static final ArchRule codecsAndPoolsKnowNoTransport = LayerRules.CODECS_AND_POOLS_KNOW_NO_TRANSPORT;
  @ArchTest static final ArchRule transportsAreIsolated = LayerRules.TRANSPORTS_ARE_ISOLATED;
  @ArchTest static final ArchRule internalStaysInItsModule = LayerRules.INTERNAL_STAYS_IN_ITS_MODULE;
  @ArchTest static final ArchRule oneExceptionRoot = LayerRules.ONE_EXCEPTION_ROOT;
  @ArchTest static final ArchRule noPackageCycles = LayerRules.NO_PACKAGE_CYCLES;
  @ArchTest static final ArchRule noStandardStreams = LayerRules.NO_STANDARD_STREAMS;
  @ArchTest static final ArchRule noJavaUtilLogging = LayerRules.NO_JAVA_UTIL_LOGGING;
  @ArchTest static final ArchRule providersAreLoadable = LayerRules.PROVIDERS_ARE_LOADABLE;
}
