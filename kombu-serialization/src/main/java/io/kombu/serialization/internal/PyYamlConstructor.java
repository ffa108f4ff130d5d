package io.kombu.serialization.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * SnakeYAML's {@link SafeConstructor} (standard YAML 1.1 types only; class tags such as {@code !!python/object} or
 * {@code !!java...} have no constructor and fail), with timestamps built as PyYAML's {@code safe_load} builds them: a
 * date gives {@link LocalDate}, a date-time with a zone gives {@link OffsetDateTime}, one without gives {@link
 * LocalDateTime} (SnakeYAML would give {@code java.util.Date} and assume UTC).
 *
 * <p>Thread-safety: not thread-safe (SnakeYAML constructors keep per-load state); use one per load.
 */
public final class PyYamlConstructor extends SafeConstructor {
  // PyYAML's timestamp_regexp.
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
              + "(?:(?:[Tt]|[ \\t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]*))?"
              + "(?:[ \\t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$");

  /** @param options limits (aliases, nesting, code points) and the tag inspector */
  public PyYamlConstructor(LoaderOptions options) {
    super(options);
    this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructTimestamp());
  }

  private final class ConstructTimestamp extends AbstractConstruct {
    @Override
    public Object construct(Node node) {
      String text = constructScalar((ScalarNode) node);
      Matcher m = TIMESTAMP.matcher(text);
      if (!m.matches()) {
        throw new IllegalArgumentException("not a YAML timestamp: " + text);
      }
      LocalDate date =
          LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      if (m.group(4) == null) {
        return date;
      }
      String fraction = m.group(7) == null ? "" : m.group(7);
      int micros = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000").substring(0, 6));
      LocalDateTime dateTime =
          date.atTime(
              Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), micros * 1000);
      if (m.group(8) == null) {
        return dateTime;
      }
      if (m.group(9) == null) {
        return dateTime.atOffset(ZoneOffset.UTC);
      }
      int sign = "-".equals(m.group(9)) ? -1 : 1;
      int hours = Integer.parseInt(m.group(10));
      int minutes = m.group(11) == null ? 0 : Integer.parseInt(m.group(11));
      return dateTime.atOffset(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
    }
  }
}
