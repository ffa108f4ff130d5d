package io.kombu.serialization.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.kombu.spi.Serializer;
import io.kombu.serialization.internal.JsonTreeReader;
import io.kombu.serialization.internal.PythonJsonWriter;
import org.jspecify.annotations.Nullable;

/**
 * Kombu's default {@code json} serializer ({@code application/json}, {@code utf-8}), written to be byte-identical with
 * Python Kombu's {@code json.dumps}: separators {@code ", "} and {@code ": "}, non-ASCII escaped as {@code \}{@code
 * uhhhh}, Python's float repr, {@code NaN}/{@code Infinity} allowed both ways.
 *
 * <p>Encodes Map (keys: strings, or numbers, booleans and null, which become text as in Python), List and other
 * collections, arrays, String, Integer/Long/BigInteger, Double/Float, Boolean, null and {@link JsonConvertible}; and,
 * as Kombu 5.3+ does, {@code {"__type__": T, "__value__": V}} markers for OffsetDateTime, ZonedDateTime, Instant,
 * Date and LocalDateTime ({@code datetime}), LocalDate ({@code date}), LocalTime and OffsetTime ({@code time}), UUID
 * ({@code uuid}), BigDecimal ({@code decimal}) and byte[] ({@code bytes} or {@code base64}). Decoding gives
 * LinkedHashMap, ArrayList, String, Integer/Long/BigInteger (the smallest that fits), Double, Boolean, null, and the
 * marker types back. Sub-microsecond parts of times are dropped, as Python cannot hold them.
 *
 * <p>Decoding enforces limits against hostile bodies (nesting depth, string and number length); change them with
 * {@link #builder()}.
 *
 * <p>Thread-safety: immutable and thread-safe.
 */
public final class JsonSerializer implements Serializer {
  /** Name users pass as the serializer. */
  public static final String NAME = "json";
  /** Content type written and read. */
  public static final String CONTENT_TYPE = "application/json";
  /** Content encoding written. */
  public static final String CONTENT_ENCODING = "utf-8";
  /** Deepest nesting of objects and arrays accepted, in either direction (Jackson's and Python's default). */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 1000;
  /** Longest string accepted when decoding, in characters (Jackson's default). */
  public static final int DEFAULT_MAX_STRING_LENGTH = 20_000_000;
  /** Longest number accepted when decoding, in digits (Python's {@code sys.get_int_max_str_digits()} default). */
  public static final int DEFAULT_MAX_NUMBER_LENGTH = 4300;

  private final int maxNestingDepth;
  private final JsonTreeReader reader;

  /** A serializer with the default limits. */
  public JsonSerializer() {
    this(builder());
  }

  private JsonSerializer(Builder builder) {
    this.maxNestingDepth = builder.maxNestingDepth;
    JsonFactory factory =
        JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(builder.maxNestingDepth)
                    .maxStringLength(builder.maxStringLength)
                    .maxNumberLength(builder.maxNumberLength)
                    .build())
            .build();
    this.reader = new JsonTreeReader(factory);
  }

  /** @return a builder for a serializer with other limits, e.g. to register under the same name in core's registry */
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

  /** @throws io.kombu.EncodeException when a value has no JSON form or nests deeper than the limit */
  @Override
  public byte[] encode(@Nullable Object value) {
    return new PythonJsonWriter(maxNestingDepth).write(value);
  }

  /** @throws io.kombu.DecodeException when the body is not one JSON value, breaks a limit or has a bad type marker */
  @Override
  public @Nullable Object decode(byte[] data) {
    return reader.read(data);
  }

  @Override
  public String toString() {
    return "JsonSerializer[maxNestingDepth=" + maxNestingDepth + "]";
  }

  /**
   * Limits for a {@link JsonSerializer}.
   *
   * <p>Thread-safety: not thread-safe; build on one thread.
   */
  public static final class Builder {
    private int maxNestingDepth = DEFAULT_MAX_NESTING_DEPTH;
    private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
    private int maxNumberLength = DEFAULT_MAX_NUMBER_LENGTH;

    private Builder() {}

    /** @param depth deepest nesting of objects and arrays, when encoding and decoding; at least 1 */
    public Builder maxNestingDepth(int depth) {
      this.maxNestingDepth = positive(depth, "maxNestingDepth");
      return this;
    }

    /** @param characters longest string accepted when decoding */
    public Builder maxStringLength(int characters) {
      this.maxStringLength = positive(characters, "maxStringLength");
      return this;
    }

    /** @param digits longest number accepted when decoding */
    public Builder maxNumberLength(int digits) {
      this.maxNumberLength = positive(digits, "maxNumberLength");
      return this;
    }

    /** @return the serializer */
    public JsonSerializer build() {
      return new JsonSerializer(this);
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }
  }
}
