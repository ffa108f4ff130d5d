package io.kombu.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.kombu.spi.CompressorProvider;
import io.kombu.spi.SerializerProvider;
import io.kombu.spi.TransportProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("META-INF/services files")
class ServiceFilesTest {
  private final ClassLoader loader = ServiceFilesTest.class.getClassLoader();

  @Test
  @DisplayName("every Kombu services file on the class path names existing classes that implement the service")
  void everyServicesFileIsValid() {
    List<ServiceFileCheck.ServiceFile> files = ServiceFileCheck.scan(ServiceFileCheck.classPath());
    assertThat(ServiceFileCheck.problems(files, loader)).isEmpty();
  }

  @Test
  @DisplayName("the transport, serializer and compressor modules all register their providers")
  void providersAreRegistered() {
    List<ServiceFileCheck.ServiceFile> files = ServiceFileCheck.scan(ServiceFileCheck.classPath());
    assertThat(files).extracting(ServiceFileCheck.ServiceFile::service)
        .contains(TransportProvider.class.getName(), SerializerProvider.class.getName(), CompressorProvider.class.getName());
  }

  @Test
  @DisplayName("missing classes, unrelated classes, bad constructors and unknown services are reported")
  void reportsBadFiles(@TempDir Path root) throws IOException {
    Path services = Files.createDirectories(root.resolve("META-INF/services"));
    Files.writeString(services.resolve(TransportProvider.class.getName()), String.join("\n",
        "# a comment line, ignored",
        "io.kombu.archtests.NoSuchProvider",
        "java.lang.String   # implements nothing of ours",
        ""));
    Files.writeString(services.resolve(CompressorProvider.class.getName()), String.join("\n",
        "io.kombu.fakebad.CompressorProviderWithoutNoArgConstructor",
        "io.kombu.fakegood.WellFormedCompressorProvider"));
    Files.writeString(services.resolve(SerializerProvider.class.getName()), "io.kombu.fakebad.PackagePrivateSerializerProvider\n");
    Files.writeString(services.resolve("io.kombu.spi.NoSuchService"), "io.kombu.fakegood.WellFormedCompressorProvider\n");
    Files.writeString(services.resolve("org.example.SomethingElse"), "org.example.NotOurs\n");

    List<ServiceFileCheck.ServiceFile> files = ServiceFileCheck.scan(List.of(root));
    assertThat(files).extracting(ServiceFileCheck.ServiceFile::service).doesNotContain("org.example.SomethingElse");
    assertThat(ServiceFileCheck.problems(files, loader))
        .hasSize(5)
        .anySatisfy(p -> assertThat(p).contains("io.kombu.archtests.NoSuchProvider does not exist"))
        .anySatisfy(p -> assertThat(p).contains("java.lang.String does not implement " + TransportProvider.class.getName()))
        .anySatisfy(p -> assertThat(p).contains("CompressorProviderWithoutNoArgConstructor has no public no-argument"))
        .anySatisfy(p -> assertThat(p).contains("PackagePrivateSerializerProvider is not a public concrete class"))
        .anySatisfy(p -> assertThat(p).contains("io.kombu.spi.NoSuchService is not a loadable class"));
  }
}
