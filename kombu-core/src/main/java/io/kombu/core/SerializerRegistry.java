package io.kombu.core;

import io.kombu.ContentDisallowedException;
import io.kombu.DecodeException;
import io.kombu.EncodeException;
import io.kombu.SerializerNotInstalledException;
import io.kombu.core.internal.discovery.SafeServiceLoader;
import io.kombu.spi.Serializer;
import io.kombu.spi.SerializerProvider;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Kombu's serialization registry: turns message bodies into (content type, content encoding, bytes) and back, with
 * Kombu's rules for raw text and bytes, accept lists and insecure formats (pickle, yaml, msgpack are refused on decode
 * unless enabled or explicitly accepted). Serializers come from {@link SerializerProvider}s found with {@link
 * java.util.ServiceLoader} ({@code kombu-serialization} contributes json, msgpack, yaml and pickle) or are registered.
 *
 * <p>Thread-safety: thread-safe. Registrations replace an immutable snapshot, so concurrent {@code dumps}/{@code loads}
 * always see a consistent registry.
 */
public final class SerializerRegistry {
  /** The serializer used when none is named (Kombu's default). */
  public static final String DEFAULT_SERIALIZER = "json";

  /** Name of the pseudo-serializer that sends text or bytes as they are. */
  public static final String RAW = "raw";

  /** Content type of raw bodies; always trusted by accept lists. */
  public static final String RAW_CONTENT_TYPE = "application/data";

  /** Content types every accept list trusts (Kombu's {@code TRUSTED_CONTENT}). */
  public static final Set<String> TRUSTED_CONTENT = Set.of("application/data", "application/text");

  private static final Set<String> SKIP_DECODE = Set.of("binary", "ascii-8bit");
  private static final List<String> INSECURE_NAMES = List.of("pickle", "yaml", "msgpack");

  /**
   * Kombu's insecure formats, disabled from the start whether or not a codec for them is installed, so that an
   * unregistered pickle body is refused rather than passed on as bytes.
   */
  private static final Map<String, String> INSECURE_TYPES = Map.of("pickle", "application/x-python-serialize",
      "yaml", "application/x-yaml", "msgpack", "application/x-msgpack");

  /** What a registry holds at one moment. */
  private record State(Map<String, Serializer> encoders, Map<String, Serializer> decoders,
      Map<String, String> typeToName, Map<String, String> nameToType, Set<String> disabled,
      Set<String> enabledByUser, Map<String, String> unavailable) {
    State {
      encoders = Map.copyOf(encoders);
      decoders = Map.copyOf(decoders);
      typeToName = Map.copyOf(typeToName);
      nameToType = Map.copyOf(nameToType);
      disabled = Set.copyOf(disabled);
      enabledByUser = Set.copyOf(enabledByUser);
      unavailable = Map.copyOf(unavailable);
    }
  }

  private final Object lock = new Object();
  private volatile State state =
      new State(Map.of(), Map.of(), Map.of(), Map.of(), Set.copyOf(INSECURE_TYPES.values()), Set.of(), Map.of());

  private SerializerRegistry() {}

  /** @return the process-wide registry; its providers are loaded once with kombu-core's class loader */
  public static SerializerRegistry defaultRegistry() {
    return DefaultHolder.INSTANCE;
  }

  /**
   * @param loader the class loader ServiceLoader searches
   * @return a new, separate registry holding the providers that loader sees (for frameworks avoiding globals)
   */
  public static SerializerRegistry load(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    SerializerRegistry registry = new SerializerRegistry();
    SafeServiceLoader.Loaded<SerializerProvider> loaded =
        SafeServiceLoader.load(SerializerProvider.class, loader, SerializerProvider::spiVersion);
    for (SerializerProvider provider : loaded.providers()) {
      try {
        Map<String, String> unavailable = provider.unavailable();
        List<Serializer> serializers = provider.serializers();
        registry.update(s -> {
          Map<String, String> u = new HashMap<>(s.unavailable);
          unavailable.forEach((k, v) -> u.put(key(k), v));
          return new State(s.encoders, s.decoders, s.typeToName, s.nameToType, s.disabled, s.enabledByUser, u);
        });
        serializers.forEach(registry::register);
      } catch (RuntimeException | LinkageError e) {
        SafeServiceLoader.failure(SerializerProvider.class, provider, e);
      }
    }
    return registry;
  }

  /** @return an empty registry (no providers), for tests and fully explicit setups */
  public static SerializerRegistry empty() {
    return new SerializerRegistry();
  }

  /**
   * Encodes a body (Kombu's {@code dumps}).
   *
   * @param body the value; {@code byte[]} and {@code String} bodies with no serializer are sent as they are
   * @param serializer a registered name, {@code raw}, or null for the rules above and then {@link #DEFAULT_SERIALIZER}
   * @return content type, content encoding and bytes
   * @throws SerializerNotInstalledException when the serializer is unknown
   * @throws EncodeException when the serializer cannot encode the body
   */
  public Encoded dumps(@Nullable Object body, @Nullable String serializer) {
    if (RAW.equals(serializer)) {
      return rawEncode(body);
    }
    State s = state;
    if (serializer != null && !s.encoders.containsKey(serializer)) {
      throw new SerializerNotInstalledException("No encoder installed for " + serializer + hint(s, serializer));
    }
    if (serializer == null && body instanceof byte[]) {
      return new Encoded(RAW_CONTENT_TYPE, "binary", (byte[]) body);
    }
    if (serializer == null && body instanceof CharSequence) {
      return new Encoded("text/plain", "utf-8", body.toString().getBytes(StandardCharsets.UTF_8));
    }
    String name = serializer == null ? DEFAULT_SERIALIZER : serializer;
    Serializer codec = s.encoders.get(name);
    if (codec == null) {
      throw new SerializerNotInstalledException("No encoder installed for " + name + hint(s, name));
    }
    byte[] payload;
    try {
      payload = codec.encode(body);
    } catch (EncodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EncodeException("could not encode the body with serializer " + name + ": " + e, e);
    }
    return new Encoded(codec.contentType(), codec.contentEncoding(), payload);
  }

  /**
   * Decodes a body (Kombu's {@code loads}).
   *
   * @param body the bytes received
   * @param contentType their content type; null means {@code application/data}
   * @param contentEncoding their encoding; null means {@code utf-8}
   * @param accept content types (or serializer names) to allow, or null to refuse only disabled insecure types
   * @return the decoded value: what the decoder returns, else text for text encodings, else the bytes
   * @throws ContentDisallowedException when the content type is not accepted or is disabled
   * @throws DecodeException when the bytes are invalid for their type or charset
   */
  public @Nullable Object loads(byte[] body, @Nullable String contentType, @Nullable String contentEncoding,
      @Nullable Collection<String> accept) {
    Objects.requireNonNull(body, "body");
    State s = state;
    String type = contentType == null || contentType.isEmpty() ? RAW_CONTENT_TYPE : contentType;
    if (accept != null) {
      Set<String> allowed = acceptContentTypes(accept);
      if (!TRUSTED_CONTENT.contains(type) && !allowed.contains(type)) {
        throw untrusted(s, type, "untrusted");
      }
    } else if (s.disabled.contains(type)) {
      throw untrusted(s, type, "disabled");
    }
    String encoding = contentEncoding == null || contentEncoding.isEmpty()
        ? "utf-8" : contentEncoding.toLowerCase(Locale.ROOT);
    if (body.length == 0) {
      return body;
    }
    Serializer decoder = s.decoders.get(type);
    if (decoder != null) {
      try {
        return decoder.decode(body);
      } catch (DecodeException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new DecodeException("could not decode a body of type " + type + " with serializer " + decoder.name()
            + ": " + e, e);
      }
    }
    if (!SKIP_DECODE.contains(encoding)) {
      return decodeText(body, encoding, type);
    }
    return body;
  }

  /**
   * Kombu's {@code prepare_accept_content}: entries containing {@code /} are content types, others are serializer names
   * mapped to their content type.
   *
   * @param namesOrContentTypes e.g. {@code ["json", "application/x-msgpack"]}
   * @return the content types
   * @throws SerializerNotInstalledException when a name is not registered
   */
  public Set<String> acceptContentTypes(Collection<String> namesOrContentTypes) {
    Objects.requireNonNull(namesOrContentTypes, "namesOrContentTypes");
    State s = state;
    Set<String> out = new LinkedHashSet<>();
    for (String n : namesOrContentTypes) {
      if (n.indexOf('/') >= 0) {
        out.add(n);
        continue;
      }
      String type = s.nameToType.get(n);
      if (type == null) {
        throw new SerializerNotInstalledException("No encoder/decoder installed for " + n + hint(s, n));
      }
      out.add(type);
    }
    return Collections.unmodifiableSet(out);
  }

  /**
   * Registers a serializer for its name and content type, replacing any previous one. A serializer that reports itself
   * {@link Serializer#insecure() insecure} starts disabled for decoding unless it was enabled before.
   *
   * @param serializer the serializer
   */
  public void register(Serializer serializer) {
    Objects.requireNonNull(serializer, "serializer");
    String name = Objects.requireNonNull(serializer.name(), "serializer.name()");
    String type = Objects.requireNonNull(serializer.contentType(), "serializer.contentType()");
    update(s -> {
      Map<String, Serializer> enc = new HashMap<>(s.encoders);
      Map<String, Serializer> dec = new HashMap<>(s.decoders);
      Map<String, String> t2n = new HashMap<>(s.typeToName);
      Map<String, String> n2t = new HashMap<>(s.nameToType);
      Set<String> disabled = new HashSet<>(s.disabled);
      enc.put(name, serializer);
      dec.put(type, serializer);
      t2n.put(type, name);
      n2t.put(name, type);
      if (serializer.insecure() && !s.enabledByUser.contains(type)) {
        disabled.add(type);
      }
      return new State(enc, dec, t2n, n2t, disabled, s.enabledByUser, s.unavailable);
    });
  }

  /**
   * Kombu's {@code register(name, encoder, decoder, content_type, content_encoding)}.
   *
   * @param name the serializer name
   * @param encoder value to bytes
   * @param decoder bytes to value
   * @param contentType the content type written and decoded
   * @param contentEncoding {@code utf-8} for text formats, {@code binary} otherwise
   */
  public void register(String name, Function<@Nullable Object, byte[]> encoder, Function<byte[], @Nullable Object> decoder,
      String contentType, String contentEncoding) {
    register(new FunctionSerializer(Objects.requireNonNull(name, "name"), Objects.requireNonNull(encoder, "encoder"),
        Objects.requireNonNull(decoder, "decoder"), Objects.requireNonNull(contentType, "contentType"),
        Objects.requireNonNull(contentEncoding, "contentEncoding")));
  }

  /**
   * Removes a serializer's encoder, decoder and name mappings.
   *
   * @param name the serializer name
   * @throws SerializerNotInstalledException when it is not registered
   */
  public void unregister(String name) {
    Objects.requireNonNull(name, "name");
    update(s -> {
      String type = s.nameToType.get(name);
      if (type == null) {
        throw new SerializerNotInstalledException("No encoder/decoder installed for " + name);
      }
      Map<String, Serializer> enc = new HashMap<>(s.encoders);
      Map<String, Serializer> dec = new HashMap<>(s.decoders);
      Map<String, String> t2n = new HashMap<>(s.typeToName);
      Map<String, String> n2t = new HashMap<>(s.nameToType);
      dec.remove(type);
      enc.remove(name);
      t2n.remove(type);
      n2t.remove(name);
      return new State(enc, dec, t2n, n2t, s.disabled, s.enabledByUser, s.unavailable);
    });
  }

  /** Enables decoding of every insecure format Kombu knows: pickle, yaml and msgpack (Kombu's default choice). */
  public void enableInsecureSerializers() {
    enableInsecureSerializers(INSECURE_NAMES);
  }

  /**
   * Allows these formats to be decoded when no accept list is given (Kombu's {@code enable_insecure_serializers}).
   * Unknown names are ignored, as in Kombu.
   *
   * @param namesOrContentTypes serializer names or content types
   */
  public void enableInsecureSerializers(Collection<String> namesOrContentTypes) {
    Objects.requireNonNull(namesOrContentTypes, "namesOrContentTypes");
    update(s -> {
      Set<String> disabled = new HashSet<>(s.disabled);
      Set<String> enabled = new HashSet<>(s.enabledByUser);
      for (String n : namesOrContentTypes) {
        String type = typeOf(s, n);
        if (type != null) {
          disabled.remove(type);
          enabled.add(type);
        }
      }
      return new State(s.encoders, s.decoders, s.typeToName, s.nameToType, disabled, enabled, s.unavailable);
    });
  }

  /**
   * Disables decoding of every registered format, then enables {@code allowed} (Kombu's {@code
   * disable_insecure_serializers}).
   *
   * @param allowedNamesOrContentTypes the formats to keep, e.g. {@code ["json"]}
   * @throws SerializerNotInstalledException when an allowed name is not registered
   */
  public void disableInsecureSerializers(Collection<String> allowedNamesOrContentTypes) {
    Objects.requireNonNull(allowedNamesOrContentTypes, "allowedNamesOrContentTypes");
    update(s -> {
      Set<String> allowed = new HashSet<>();
      for (String n : allowedNamesOrContentTypes) {
        String type = typeOf(s, n);
        if (type == null) {
          throw new SerializerNotInstalledException("No encoder/decoder installed for " + n + hint(s, n));
        }
        allowed.add(type);
      }
      Set<String> disabled = new HashSet<>(s.disabled);
      disabled.addAll(s.decoders.keySet());
      disabled.removeAll(allowed);
      return new State(s.encoders, s.decoders, s.typeToName, s.nameToType, disabled, allowed, s.unavailable);
    });
  }

  /**
   * @param nameOrContentType a serializer name, or a content type (contains {@code /}) to find its decoder
   * @return the serializer, if registered
   */
  public Optional<Serializer> find(String nameOrContentType) {
    Objects.requireNonNull(nameOrContentType, "nameOrContentType");
    State s = state;
    return Optional.ofNullable(nameOrContentType.indexOf('/') >= 0
        ? s.decoders.get(nameOrContentType) : s.encoders.get(nameOrContentType));
  }

  /** @return the names of registered serializers, sorted */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(state.encoders.keySet()));
  }

  /**
   * @param contentType a content type
   * @return whether it is refused when no accept list is given
   */
  public boolean isDisabled(String contentType) {
    return state.disabled.contains(Objects.requireNonNull(contentType, "contentType"));
  }

  private static @Nullable String typeOf(State s, String nameOrType) {
    if (nameOrType.indexOf('/') >= 0) {
      return nameOrType;
    }
    String type = s.nameToType.get(nameOrType);
    return type != null ? type : INSECURE_TYPES.get(nameOrType);
  }

  private void update(UnaryOperator<State> change) {
    synchronized (lock) {
      state = change.apply(state);
    }
  }

  private static Encoded rawEncode(@Nullable Object body) {
    if (body instanceof byte[]) {
      return new Encoded(RAW_CONTENT_TYPE, "binary", (byte[]) body);
    }
    if (body instanceof CharSequence) {
      return new Encoded(RAW_CONTENT_TYPE, "utf-8", body.toString().getBytes(StandardCharsets.UTF_8));
    }
    throw new EncodeException("the raw serializer sends byte[] or String bodies as they are, but got "
        + (body == null ? "null" : body.getClass().getName()) + "; use a serializer such as json for other values");
  }

  private static ContentDisallowedException untrusted(State s, String type, String why) {
    String name = s.typeToName.get(type);
    if (name == null) {
      name = INSECURE_TYPES.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey)
          .findFirst().orElse(type);
    }
    if (name.indexOf('|') >= 0) {
      name = "(" + name + ")";
    }
    return new ContentDisallowedException("Refusing to deserialize " + why + " content of type " + name + " (" + type
        + ")");
  }

  private static String decodeText(byte[] body, String encoding, String type) {
    Charset charset;
    try {
      charset = Charset.forName(pythonCharsetName(encoding));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new DecodeException("unknown content encoding \"" + encoding + "\" for a body of type " + type, e);
    }
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException("a body of type " + type + " is not valid " + encoding + " text: " + e, e);
    }
  }

  private static String pythonCharsetName(String encoding) {
    return switch (encoding) {
      case "latin-1", "latin1", "l1" -> "ISO-8859-1";
      case "utf8", "u8" -> "UTF-8";
      default -> encoding;
    };
  }

  private static String hint(State s, String nameOrType) {
    String reason = s.unavailable.get(key(nameOrType));
    if (reason != null) {
      return ": " + reason;
    }
    return s.encoders.isEmpty()
        ? " (no serializers are installed: add io.kombu:kombu-serialization; kombu-bom manages its version)"
        : " (installed: " + String.join(", ", new TreeSet<>(s.encoders.keySet())) + ")";
  }

  private static String key(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /**
   * An encoded body.
   *
   * <p>Thread-safety: immutable reference; the array is shared, do not modify it.
   *
   * @param contentType the content type, e.g. {@code application/json}
   * @param contentEncoding the content encoding, e.g. {@code utf-8} or {@code binary}
   * @param body the bytes
   */
  public record Encoded(String contentType, String contentEncoding, byte[] body) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Encoded e && contentType.equals(e.contentType) && contentEncoding.equals(e.contentEncoding)
          && Arrays.equals(body, e.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(contentType, contentEncoding, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return "Encoded[contentType=" + contentType + ", contentEncoding=" + contentEncoding + ", bytes=" + body.length + "]";
    }
  }

  /** A serializer made of two functions (Kombu's {@code register}). Thread-safe if the functions are. */
  private record FunctionSerializer(String name, Function<@Nullable Object, byte[]> encoder,
      Function<byte[], @Nullable Object> decoder, String contentType, String contentEncoding) implements Serializer {
    @Override
    public byte[] encode(@Nullable Object value) {
      return encoder.apply(value);
    }

    @Override
    public @Nullable Object decode(byte[] data) {
      return decoder.apply(data);
    }
  }

  private static final class DefaultHolder {
    static final SerializerRegistry INSTANCE = load(SerializerRegistry.class.getClassLoader());
  }
}
