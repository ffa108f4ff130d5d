package io.kombu.archtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * What the BOM check needs from the reactor's POM files, read with the JDK's XML parser (no Maven model on the test class
 * path on purpose: the check must not depend on how Maven is run).
 *
 * <p>Thread-safety: immutable and thread-safe.
 *
 * @param version the parent's version, which every module and BOM entry must carry
 * @param modules the parent's modules, in declaration order
 * @param bom the BOM's own coordinates and entries
 */
record ReactorPoms(String version, List<Module> modules, Bom bom) {
  static final String PARENT_ARTIFACT_ID = "kombu-parent";
  static final String BOM_MODULE = "kombu-bom";
  static final String KOMBU_GROUP_ID = "io.kombu";

  /**
   * One module of the reactor.
   *
   * @param directory its directory name in the parent's {@code <modules>}
   * @param artifactId its artifactId
   * @param deploySkipped whether it sets {@code maven.deploy.skip} to true, i.e. is never published
   * @param automaticModuleName its {@code automatic.module.name} property, or null when it sets none
   * @param kombuDependencies the artifactIds of the {@code io.kombu} modules it depends on, any scope
   */
  record Module(String directory, String artifactId, boolean deploySkipped, @Nullable String automaticModuleName,
      List<String> kombuDependencies) {
    /** A module with no automatic module name and no Kombu dependencies, for tests of the checks. */
    Module(String directory, String artifactId, boolean deploySkipped) {
      this(directory, artifactId, deploySkipped, null, List.of());
    }
  }

  /** @param artifactId a module's artifactId @return the module, if the reactor has it */
  Optional<Module> module(String artifactId) {
    return modules.stream().filter(m -> m.artifactId().equals(artifactId)).findFirst();
  }

  /**
   * One {@code <dependency>} of the BOM's {@code <dependencyManagement>}.
   *
   * @param groupId its groupId
   * @param artifactId its artifactId
   * @param version its version as written (possibly {@code ${project.version}})
   */
  record Entry(String groupId, String artifactId, String version) {}

  /**
   * The BOM's own coordinates and entries.
   *
   * @param version its version as written
   * @param hasParent whether it declares a {@code <parent>} (it must not: importing it must bring nothing else)
   * @param entries its managed dependencies
   */
  record Bom(String version, boolean hasParent, List<Entry> entries) {}

  /**
   * @param start a directory inside the checkout, e.g. the module's base directory
   * @return the directory whose {@code pom.xml} is the reactor parent, found by walking up from {@code start}
   */
  static Path findRoot(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && PARENT_ARTIFACT_ID.equals(childText(parse(pom).getDocumentElement(), "artifactId"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no pom.xml with artifactId " + PARENT_ARTIFACT_ID + " above " + start.toAbsolutePath()
        + ": run this test from inside the Kombu-Java checkout");
  }

  /** @param root the reactor's root directory @return the parsed parent, module and BOM POMs */
  static ReactorPoms read(Path root) {
    Element parent = parse(root.resolve("pom.xml")).getDocumentElement();
    String version = required(parent, "version", root.resolve("pom.xml"));
    List<Module> modules = new ArrayList<>();
    for (Element module : children(child(parent, "modules").orElseThrow(
        () -> new IllegalStateException(root.resolve("pom.xml") + " has no <modules>")), "module")) {
      String dir = module.getTextContent().trim();
      Path pom = root.resolve(dir).resolve("pom.xml");
      Element project = parse(pom).getDocumentElement();
      String skip = child(project, "properties").map(p -> childText(p, "maven.deploy.skip")).orElse(null);
      String moduleName = child(project, "properties").map(p -> childText(p, "automatic.module.name")).orElse(null);
      List<String> kombuDependencies = new ArrayList<>();
      child(project, "dependencies").ifPresent(deps -> {
        for (Element dep : children(deps, "dependency")) {
          if (KOMBU_GROUP_ID.equals(childText(dep, "groupId"))) {
            kombuDependencies.add(required(dep, "artifactId", pom));
          }
        }
      });
      modules.add(new Module(dir, required(project, "artifactId", pom), "true".equals(skip), moduleName,
          List.copyOf(kombuDependencies)));
    }
    Path bomPom = root.resolve(BOM_MODULE).resolve("pom.xml");
    Element bom = parse(bomPom).getDocumentElement();
    List<Entry> entries = new ArrayList<>();
    child(bom, "dependencyManagement").flatMap(dm -> child(dm, "dependencies")).ifPresent(deps -> {
      for (Element dep : children(deps, "dependency")) {
        entries.add(new Entry(required(dep, "groupId", bomPom), required(dep, "artifactId", bomPom),
            required(dep, "version", bomPom)));
      }
    });
    return new ReactorPoms(version, modules, new Bom(required(bom, "version", bomPom), child(bom, "parent").isPresent(),
        entries));
  }

  private static Document parse(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      DocumentBuilder builder = factory.newDocumentBuilder();
      return builder.parse(Files.newInputStream(pom));
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && name.equals(((Element) n).getTagName())) {
        result.add((Element) n);
      }
    }
    return result;
  }

  private static Optional<Element> child(Element parent, String name) {
    return children(parent, name).stream().findFirst();
  }

  private static @Nullable String childText(Element parent, String name) {
    return child(parent, name).map(e -> e.getTextContent().trim()).orElse(null);
  }

  private static String required(Element parent, String name, Path pom) {
    String text = childText(parent, name);
    if (text == null || text.isEmpty()) {
      throw new IllegalStateException(pom + ": <" + parent.getTagName() + "> has no <" + name + ">");
    }
    return text;
  }
}
