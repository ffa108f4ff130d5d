package io.kombu.serialization.internal;

import io.kombu.DecodeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;
import org.jspecify.annotations.Nullable;

/**
 * Razorvine's unpickler narrowed to plain Python data: dict, list, tuple, str, bytes, int, float, bool, None (and set,
 * which holds nothing else). Every opcode that could name a class, call something or build an object (GLOBAL,
 * STACK_GLOBAL, INST, OBJ, REDUCE, NEWOBJ, BUILD, EXT, PERSID, out-of-band buffers) is refused, except the handful
 * of builtins older protocols use to spell bytes and sets. Dicts keep their key order; declared lengths are checked
 * against what is left before anything is allocated.
 *
 * <p>Thread-safety: not thread-safe; use one instance per payload.
 */
public final class PlainDataUnpickler extends Unpickler {
  private static final int MAX_DEPTH = 1000;

  private final byte[] data;
  private @Nullable ByteArrayInputStream source;

  /** @param data the pickle payload */
  public PlainDataUnpickler(byte[] data) {
    this.data = data;
  }

  /**
   * @return the value, with tuples as unmodifiable Lists, dicts as LinkedHashMap, bytes as byte[]
   * @throws DecodeException for a class reference or a malformed payload
   */
  public @Nullable Object decode() {
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    this.source = in;
    try {
      Object value = load(in);
      return plain(value, 0);
    } catch (IOException e) {
      throw new DecodeException("pickle body is truncated or malformed: " + e.getMessage(), e);
    } finally {
      close();
    }
  }

  @Override
  protected Object dispatch(short opcode) throws IOException {
    switch (opcode) {
      case '}' -> {
        stack.add(new LinkedHashMap<Object, Object>());
        return NO_RETURN_VALUE;
      }
      case 'd' -> {
        List<Object> items = stack.pop_all_since_marker();
        stack.add(putAll(new LinkedHashMap<>(), items));
        return NO_RETURN_VALUE;
      }
      case 's' -> {
        Object value = stack.pop();
        Object key = stack.pop();
        dictOnTop().put(key, value);
        return NO_RETURN_VALUE;
      }
      case 'u' -> {
        List<Object> items = stack.pop_all_since_marker();
        putAll(dictOnTop(), items);
        return NO_RETURN_VALUE;
      }
      case 'c' -> {
        String module = PickleUtils.readline(input);
        String name = PickleUtils.readline(input);
        stack.add(allowedGlobal(module, name));
        return NO_RETURN_VALUE;
      }
      case 0x93 -> {
        Object name = stack.pop();
        Object module = stack.pop();
        stack.add(allowedGlobal(String.valueOf(module), String.valueOf(name)));
        return NO_RETURN_VALUE;
      }
      case 'R' -> {
        Object args = stack.pop();
        Object callable = stack.pop();
        if (!(callable instanceof AllowedBuiltin builtin) || !(args instanceof Object[] arguments)) {
          throw refused("an object built by REDUCE");
        }
        stack.add(builtin.construct(arguments));
        return NO_RETURN_VALUE;
      }
      case 'i', 'o', 'b', 0x81, 0x92, 0x82, 0x83, 0x84, 'P', 'Q', 0x97, 0x98 ->
          throw refused("opcode 0x" + Integer.toHexString(opcode) + ", which builds objects");
      case 'B', 'X', 'T' -> checkLength(4);
      case 0x8d, 0x8e, 0x96 -> checkLength(8);
      default -> {
        // plain data opcodes
      }
    }
    return super.dispatch(opcode);
  }

  /** A length prefix larger than the rest of the payload cannot be honest: refuse before razorvine allocates it. */
  private void checkLength(int width) throws IOException {
    ByteArrayInputStream in = requireSource();
    in.mark(width);
    byte[] prefix = PickleUtils.readbytes(in, width);
    in.reset();
    BigInteger length = BigInteger.ZERO;
    for (int i = width - 1; i >= 0; i--) {
      length = length.shiftLeft(8).or(BigInteger.valueOf(prefix[i] & 0xff));
    }
    if (length.compareTo(BigInteger.valueOf(in.available() - width)) > 0) {
      throw new DecodeException("pickle body declares " + length + " bytes but fewer are left; it is truncated");
    }
  }

  private ByteArrayInputStream requireSource() {
    ByteArrayInputStream in = source;
    if (in == null) {
      throw new IllegalStateException("decode() not called");
    }
    return in;
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dictOnTop() {
    Object top = stack.peek();
    if (!(top instanceof Map)) {
      throw new DecodeException("pickle body is malformed: SETITEM without a dict");
    }
    return (Map<Object, Object>) top;
  }

  private static Map<Object, Object> putAll(Map<Object, Object> map, List<Object> items) {
    for (int i = 0; i + 1 < items.size(); i += 2) {
      map.put(items.get(i), items.get(i + 1));
    }
    return map;
  }

  private static AllowedBuiltin allowedGlobal(String module, String name) {
    boolean builtins = "builtins".equals(module) || "__builtin__".equals(module);
    if ("_codecs".equals(module) && "encode".equals(name)) {
      return args -> encodeText(args);
    }
    if (builtins && ("bytes".equals(name) || "bytearray".equals(name))) {
      return args -> args.length == 0 ? new byte[0] : bytesOf(args[0]);
    }
    if (builtins && ("set".equals(name) || "frozenset".equals(name))) {
      return args -> args.length == 0 ? new LinkedHashSet<>() : new LinkedHashSet<>(itemsOf(args[0]));
    }
    throw refusedClass(module + "." + name);
  }

  /** Protocols 0 to 2 spell bytes as {@code _codecs.encode(text, 'latin1')}. */
  private static byte[] encodeText(Object[] args) {
    if (args.length < 1 || !(args[0] instanceof String text)) {
      throw new DecodeException("pickle body calls _codecs.encode without text");
    }
    String encoding = args.length > 1 && args[1] instanceof String e ? e : "utf-8";
    try {
      return text.getBytes(Charset.forName(encoding.replace('_', '-')));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new DecodeException("pickle body uses an unknown text encoding " + encoding, e);
    }
  }

  private static byte[] bytesOf(Object arg) {
    if (arg instanceof byte[] bytes) {
      return bytes.clone();
    }
    List<?> items = itemsOf(arg);
    byte[] out = new byte[items.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(items.get(i) instanceof Number n) || n.intValue() < 0 || n.intValue() > 255) {
        throw new DecodeException("pickle body builds bytes from something other than 0..255 integers");
      }
      out[i] = (byte) n.intValue();
    }
    return out;
  }

  private static List<?> itemsOf(Object arg) {
    if (arg instanceof Object[] array) {
      return List.of(array);
    }
    if (arg instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    throw new DecodeException("pickle body builds a collection from a " + arg.getClass().getSimpleName());
  }

  private static @Nullable Object plain(@Nullable Object value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new DecodeException("pickle value nests deeper than " + MAX_DEPTH + " levels or refers to itself");
    }
    if (value instanceof Object[] tuple) {
      List<@Nullable Object> out = new ArrayList<>(tuple.length);
      for (Object item : tuple) {
        out.add(plain(item, depth + 1));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(plain(item, depth + 1));
      }
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(plain(e.getKey(), depth + 1), plain(e.getValue(), depth + 1));
      }
      return out;
    }
    if (value instanceof Set<?> set) {
      Set<@Nullable Object> out = new LinkedHashSet<>();
      for (Object item : set) {
        out.add(plain(item, depth + 1));
      }
      return out;
    }
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof byte[]) {
      return value;
    }
    throw new DecodeException(
        "pickle body holds a " + value.getClass().getSimpleName() + "; only plain data is allowed");
  }

  private static DecodeException refused(String what) {
    return new DecodeException(
        "pickle payload uses " + what + "; only plain data (dict, list, tuple, str, bytes, int, float, bool, None) is"
            + " allowed");
  }

  private static DecodeException refusedClass(String className) {
    return new DecodeException("pickle payload references class " + className + "; only plain data is allowed");
  }

  /** A builtin the plain-data subset needs, standing where a class would be on the pickle stack. */
  @FunctionalInterface
  private interface AllowedBuiltin extends IObjectConstructor {
    @Override
    Object construct(Object[] args);
  }
}
