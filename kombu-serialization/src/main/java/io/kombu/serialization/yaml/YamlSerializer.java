package io.kombu.serialization.yaml;

import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.serialization.internal.PyYamlConstructor;
import io.kombu.serialization.internal.PyYamlRepresenter;
import io.kombu.serialization.internal.PyYamlTree;
import io.kombu.spi.Serializer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Kombu's {@code yaml} serializer ({@code application/x-yaml}, {@code utf-8}): PyYAML's {@code safe_dump} and {@code
 * safe_load} on SnakeYAML 2.
 *
 * <p>Encoding follows {@code safe_dump}'s defaults: block style, keys sorted, indent 2, width 80, non-ASCII escaped,
 * Python float text ({@code 1.0e-05}, {@code .nan}), byte[] as {@code !!binary}, dates and date-times as YAML
 * timestamps. Decoding uses SnakeYAML's safe constructor only: no class tags ({@code !!python/...}, {@code
 * !!java...} and other global tags are decode errors), with limits on aliases (billion laughs), nesting depth and
 * document size. Timestamps decode to LocalDate, LocalDateTime or OffsetDateTime as PyYAML builds them; integers to
 * Integer/Long/BigInteger, floats to Double, maps to LinkedHashMap.
 *
 * <p>Kombu counts yaml as insecure: core's registry refuses to decode it unless it is enabled or accepted.
 *
 * <p>Thread-safety: immutable and thread-safe (a SnakeYAML instance is made per call, as SnakeYAML's are not).
 */
public final class YamlSerializer implements Serializer {
  /** Name users pass as the serializer. */
  public static final String NAME = "yaml";
  /** Content type written and read. */
  public static final String CONTENT_TYPE = "application/x-yaml";
  /** Content encoding written. */
  public static final String CONTENT_ENCODING = "utf-8";
  /** Most aliases a document may use for collections (SnakeYAML's default; stops "billion laughs"). */
  public static final int DEFAULT_MAX_ALIASES_FOR_COLLECTIONS = 50;
  /** Deepest nesting of collections (SnakeYAML's default), also enforced when encoding. */
  public static final int DEFAULT_NESTING_DEPTH_LIMIT = 50;
  /** Largest document read, in code points: 3 MiB (SnakeYAML's default). */
  public static final int DEFAULT_CODE_POINT_LIMIT = 3 * 1024 * 1024;

  private static final java.util.regex.Pattern ESCAPE =
      java.util.regex.Pattern.compile("\\\\(x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8})");

  private final int maxAliasesForCollections;
  private final int nestingDepthLimit;
  private final int codePointLimit;

  /** A serializer with the default limits. */
  public YamlSerializer() {
    this(builder());
  }

  private YamlSerializer(Builder builder) {
    this.maxAliasesForCollections = builder.maxAliasesForCollections;
    this.nestingDepthLimit = builder.nestingDepthLimit;
    this.codePointLimit = builder.codePointLimit;
  }

  /** @return a builder for a serializer with other limits */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public String contentEncoding() {
    return CONTENT_ENCODING;
  }

  @Override
  public boolean insecure() {
    return true;
  }

  @Override
  public byte[] encode(@Nullable Object value) {
    Object tree = PyYamlTree.of(value, nestingDepthLimit);
    DumperOptions dumper = new DumperOptions();
    dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    dumper.setAllowUnicode(false);
    dumper.setIndent(2);
    dumper.setWidth(80);
    dumper.setLineBreak(DumperOptions.LineBreak.UNIX);
    try {
      Yaml yaml = new Yaml(new PyYamlConstructor(loaderOptions()), new PyYamlRepresenter(dumper), dumper);
      return withDocumentEnd(tree, upperCaseEscapes(tree, yaml.dump(tree))).getBytes(StandardCharsets.UTF_8);
    } catch (YAMLException e) {
      throw new EncodeException("yaml could not encode the value: " + e.getMessage(), e);
    }
  }

  @Override
  public @Nullable Object decode(byte[] data) {
    String text = utf8(data);
    try {
      return new Yaml(new PyYamlConstructor(loaderOptions())).load(text);
    } catch (YAMLException | DateTimeException | IllegalArgumentException e) {
      throw new DecodeException(
          "yaml body was refused: "
              + e.getMessage()
              + " (only plain YAML data is read: no class tags; limits on aliases, nesting and size apply)",
          e);
    }
  }

  private LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(maxAliasesForCollections);
    options.setNestingDepthLimit(nestingDepthLimit);
    options.setCodePointLimit(codePointLimit);
    options.setAllowRecursiveKeys(false);
    options.setTagInspector(tag -> false);
    return options;
  }

  /**
   * PyYAML ends a document whose root is a plain scalar with {@code ...} (the scalar is "open ended"); SnakeYAML does
   * not. Quoted, tagged and block scalars are not open ended.
   */
  private static String withDocumentEnd(@Nullable Object tree, String dumped) {
    if (tree instanceof java.util.Map || tree instanceof java.util.List || dumped.isEmpty()) {
      return dumped;
    }
    char first = dumped.charAt(0);
    boolean plain = first != '\'' && first != '"' && first != '!' && first != '|' && first != '>';
    return plain ? dumped + "...\n" : dumped;
  }

  /**
   * PyYAML writes the hex of {@code \\xE9}-style escapes in upper case, SnakeYAML in lower case. When no string in the
   * value holds a backslash, every backslash in the output starts such an escape, so the rewrite is safe; otherwise the
   * output is left as it is (the same values, escaped in lower case).
   */
  private static String upperCaseEscapes(@Nullable Object tree, String dumped) {
    if (dumped.indexOf('\\') < 0 || PyYamlTree.containsBackslash(tree)) {
      return dumped;
    }
    return ESCAPE.matcher(dumped)
        .replaceAll(
            m -> {
              String escape = m.group(1);
              String hex = escape.substring(1).toUpperCase(java.util.Locale.ROOT);
              return java.util.regex.Matcher.quoteReplacement("\\" + escape.charAt(0) + hex);
            });
  }

  private static String utf8(byte[] data) {
    int start = (data.length >= 3 && (data[0] & 0xff) == 0xef && (data[1] & 0xff) == 0xbb && (data[2] & 0xff) == 0xbf) ? 3 : 0;
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data, start, data.length - start))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException("yaml body is not valid UTF-8", e);
    }
  }

  @Override
  public String toString() {
    return "YamlSerializer[maxAliasesForCollections="
        + maxAliasesForCollections
        + ", nestingDepthLimit="
        + nestingDepthLimit
        + ", codePointLimit="
        + codePointLimit
        + "]";
  }

  /**
   * Limits for a {@link YamlSerializer}.
   *
   * <p>Thread-safety: not thread-safe; build on one thread.
   */
  public static final class Builder {
    private int maxAliasesForCollections = DEFAULT_MAX_ALIASES_FOR_COLLECTIONS;
    private int nestingDepthLimit = DEFAULT_NESTING_DEPTH_LIMIT;
    private int codePointLimit = DEFAULT_CODE_POINT_LIMIT;

    private Builder() {}

    /** @param aliases most aliases to collections a document may use; 0 forbids them */
    public Builder maxAliasesForCollections(int aliases) {
      if (aliases < 0) {
        throw new IllegalArgumentException("maxAliasesForCollections must not be negative, got " + aliases);
      }
      this.maxAliasesForCollections = aliases;
      return this;
    }

    /** @param depth deepest nesting of collections, when encoding and decoding; at least 1 */
    public Builder nestingDepthLimit(int depth) {
      if (depth < 1) {
        throw new IllegalArgumentException("nestingDepthLimit must be at least 1, got " + depth);
      }
      this.nestingDepthLimit = depth;
      return this;
    }

    /** @param codePoints largest document read; at least 1 */
    public Builder codePointLimit(int codePoints) {
      if (codePoints < 1) {
        throw new IllegalArgumentException("codePointLimit must be at least 1, got " + codePoints);
      }
      this.codePointLimit = codePoints;
      return this;
    }

    /** @return the serializer */
    public YamlSerializer build() {
      return new YamlSerializer(this);
    }
  }
}
