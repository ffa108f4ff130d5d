package io.kombu.archtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code META-INF/services} files from class-path entries (directories and jars) and checks that each names an
 * existing, loadable class implementing the service, as {@link java.util.ServiceLoader} will require at run time. Only
 * Kombu's files are checked: a service interface under {@code io.kombu.}, or an implementation under {@code io.kombu.}.
 *
 * <p>Thread-safety: stateless and thread-safe.
 */
final class ServiceFileCheck {
  private static final String SERVICES = "META-INF/services/";
  private static final String KOMBU_PREFIX = "io.kombu.";

  private ServiceFileCheck() {}

  /**
   * One services file.
   *
   * @param location where it was found, for messages
   * @param service the service interface named by the file name
   * @param implementations the class names it lists, comments and blank lines removed
   */
  record ServiceFile(String location, String service, List<String> implementations) {}

  /** @return the entries of {@code java.class.path}, which surefire and failsafe set to the test class path */
  static List<Path> classPath() {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(Path.of(entry));
      }
    }
    return entries;
  }

  /** @param entries class-path directories and jars @return Kombu's services files among them */
  static List<ServiceFile> scan(List<Path> entries) {
    List<ServiceFile> files = new ArrayList<>();
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        scanDirectory(entry, files);
      } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
        scanJar(entry, files);
      }
    }
    return files;
  }

  private static void scanDirectory(Path root, List<ServiceFile> files) {
    Path services = root.resolve(SERVICES);
    if (!Files.isDirectory(services)) {
      return;
    }
    try (Stream<Path> list = Files.list(services)) {
      for (Path file : (Iterable<Path>) list::iterator) {
        try (InputStream in = Files.newInputStream(file)) {
          add(files, file.toString(), file.getFileName().toString(), in);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + services, e);
    }
  }

  private static void scanJar(Path jar, List<ServiceFile> files) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!entry.isDirectory() && name.startsWith(SERVICES) && name.indexOf('/', SERVICES.length()) < 0) {
          try (InputStream in = zip.getInputStream(entry)) {
            add(files, jar + "!/" + name, name.substring(SERVICES.length()), in);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
  }

  private static void add(List<ServiceFile> files, String location, String service, InputStream in) throws IOException {
    List<String> implementations = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      int comment = line.indexOf('#');
      String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (!name.isEmpty()) {
        implementations.add(name);
      }
    }
    boolean kombus = service.startsWith(KOMBU_PREFIX) || implementations.stream().anyMatch(i -> i.startsWith(KOMBU_PREFIX));
    if (kombus) {
      files.add(new ServiceFile(location, service, List.copyOf(implementations)));
    }
  }

  /**
   * @param files the services files to check
   * @param loader the class loader ServiceLoader would use
   * @return one line per problem; empty when every file is valid
   */
  static List<String> problems(List<ServiceFile> files, ClassLoader loader) {
    List<String> problems = new ArrayList<>();
    for (ServiceFile file : files) {
      Class<?> service;
      try {
        service = Class.forName(file.service(), false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        problems.add(file.location() + ": the file name " + file.service() + " is not a loadable class (" + e + ")");
        continue;
      }
      if (file.implementations().isEmpty()) {
        problems.add(file.location() + ": lists no implementation; delete the file or name the provider class");
      }
      for (String name : file.implementations()) {
        String problem = implementationProblem(service, name, loader);
        if (problem != null) {
          problems.add(file.location() + ": " + name + " " + problem);
        }
      }
    }
    return problems;
  }

  private static @Nullable String implementationProblem(Class<?> service, String name, ClassLoader loader) {
    Class<?> implementation;
    try {
      implementation = Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return "does not exist on the class path (" + e + "); fix the class name or remove the line";
    }
    if (!service.isAssignableFrom(implementation)) {
      return "does not implement " + service.getName();
    }
    int modifiers = implementation.getModifiers();
    if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || implementation.isInterface()) {
      return "is not a public concrete class, so ServiceLoader cannot create it";
    }
    try {
      if (!Modifier.isPublic(implementation.getConstructor().getModifiers())) {
        return "has no public no-argument constructor";
      }
    } catch (NoSuchMethodException e) {
      return "has no public no-argument constructor, so ServiceLoader cannot create it";
    }
    return null;
  }
}
