package io.kombu.serialization.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.kombu.DecodeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON into the plain values Python's {@code json.loads} gives: LinkedHashMap (key order kept), ArrayList,
 * String, Integer/Long/BigInteger (smallest that fits), Double (NaN and Infinity included), Boolean and null, with
 * Kombu's typed markers turned into Java values.
 *
 * <p>Thread-safety: thread-safe; the factory is shared, each call uses its own parser.
 */
public final class JsonTreeReader {
  private final JsonFactory factory;

  /** @param factory configured with the limits to enforce (nesting depth, string and number length) */
  public JsonTreeReader(JsonFactory factory) {
    this.factory = factory;
  }

  /**
   * @return the decoded value
   * @throws DecodeException when the bytes are not one valid JSON value or break a limit
   */
  public @Nullable Object read(byte[] data) {
    try (JsonParser parser = factory.createParser(data)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new DecodeException("json body is empty; expected a JSON value");
      }
      Object value = readValue(parser, first);
      if (parser.nextToken() != null) {
        throw new DecodeException(
            "json body has extra data after the first value (at byte " + parser.currentTokenLocation().getByteOffset()
                + ")");
      }
      return value;
    } catch (StreamConstraintsException e) {
      throw new DecodeException(
          "json body breaks a safety limit: "
              + e.getOriginalMessage()
              + ". If the body is trusted, raise the limit with JsonSerializer.builder()",
          e);
    } catch (IOException e) {
      throw new DecodeException("json body is not valid JSON: " + e.getMessage(), e);
    }
  }

  private @Nullable Object readValue(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        return readObject(parser);
      case START_ARRAY:
        List<@Nullable Object> list = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          list.add(readValue(parser, t));
        }
        return list;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> parser.getIntValue();
          case LONG -> parser.getLongValue();
          default -> parser.getBigIntegerValue();
        };
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new DecodeException("json body has an unexpected token " + token);
    }
  }

  private Object readObject(JsonParser parser) throws IOException {
    Map<String, @Nullable Object> map = new LinkedHashMap<>();
    for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
      map.put(name, readValue(parser, parser.nextToken()));
    }
    return TypedJsonMarkers.isMarker(map) ? TypedJsonMarkers.decode(map) : map;
  }
}
