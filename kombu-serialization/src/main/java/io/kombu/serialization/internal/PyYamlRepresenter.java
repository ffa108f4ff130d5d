package io.kombu.serialization.internal;

import java.util.Base64;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Represents the plain values left by {@link PyYamlTree} the way PyYAML's {@code SafeDumper} does: floats through
 * Python's repr ({@code 1.0e-05}, {@code .nan}, {@code .inf}), bytes as a {@code !!binary} literal block with 76-column
 * base64 lines, and timestamps as plain text. Anything else never reaches it.
 *
 * <p>Thread-safety: not thread-safe (SnakeYAML representers keep per-dump state); use one per dump.
 */
public final class PyYamlRepresenter extends Representer {
  /** @param options the dumper options the emitter uses */
  public PyYamlRepresenter(DumperOptions options) {
    super(options);
    this.representers.put(Double.class, data -> representScalar(Tag.FLOAT, floatText((Double) data)));
    this.representers.put(
        byte[].class,
        data -> representScalar(Tag.BINARY, binaryText((byte[]) data), DumperOptions.ScalarStyle.LITERAL));
    this.representers.put(
        PyYamlTree.Timestamp.class, data -> representScalar(Tag.TIMESTAMP, ((PyYamlTree.Timestamp) data).text()));
  }

  /** PyYAML's {@code represent_float}. */
  static String floatText(double value) {
    if (Double.isNaN(value)) {
      return ".nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? ".inf" : "-.inf";
    }
    String repr = PythonFloatFormat.repr(value).toLowerCase(java.util.Locale.ROOT);
    if (repr.indexOf('.') < 0 && repr.indexOf('e') >= 0) {
      repr = repr.replaceFirst("e", ".0e");
    }
    return repr;
  }

  /** Python's {@code base64.encodebytes}: 76-character lines, each ending in a newline. */
  private static String binaryText(byte[] data) {
    if (data.length == 0) {
      return "";
    }
    return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(data) + "\n";
  }
}
