package io.kombu.serialization.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;

/**
 * Python's {@code isoformat()} and {@code fromisoformat()} for dates and times: microsecond precision, fraction only
 * when non-zero, offset only when present and written {@code +HH:MM} (never {@code Z}).
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class PythonTemporal {
  private PythonTemporal() {}

  /**
   * @param date a date in Python's range (years 1 to 9999)
   * @return {@code YYYY-MM-DD}
   */
  public static String isoformat(LocalDate date) {
    int year = date.getYear();
    if (year < 1 || year > 9999) {
      throw new DateTimeException("year " + year + " is outside Python's range 1..9999");
    }
    return String.format("%04d-%02d-%02d", year, date.getMonthValue(), date.getDayOfMonth());
  }

  /** @return {@code HH:MM:SS} plus {@code .ffffff} when the microseconds are not zero (nanoseconds are truncated) */
  public static String isoformat(LocalTime time) {
    StringBuilder out = new StringBuilder(15);
    out.append(String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond()));
    int micros = time.getNano() / 1000;
    if (micros != 0) {
      out.append(String.format(".%06d", micros));
    }
    return out.toString();
  }

  /** @return the time followed by its offset */
  public static String isoformat(OffsetTime time) {
    return isoformat(time.toLocalTime()) + offset(time.getOffset());
  }

  /**
   * @param separator {@code 'T'} for JSON (Python's default), {@code ' '} for YAML (PyYAML's choice)
   * @return {@code YYYY-MM-DD<separator>HH:MM:SS[.ffffff]}
   */
  public static String isoformat(LocalDateTime dateTime, char separator) {
    return isoformat(dateTime.toLocalDate()) + separator + isoformat(dateTime.toLocalTime());
  }

  /** @return the local date-time followed by its offset, {@code +00:00} for UTC */
  public static String isoformat(OffsetDateTime dateTime, char separator) {
    return isoformat(dateTime.toLocalDateTime(), separator) + offset(dateTime.getOffset());
  }

  /** @return {@code +HH:MM}, or {@code +HH:MM:SS} when the offset has seconds, as Python writes a UTC offset */
  public static String offset(ZoneOffset offset) {
    int total = offset.getTotalSeconds();
    char sign = total < 0 ? '-' : '+';
    int abs = Math.abs(total);
    String hoursMinutes = String.format("%c%02d:%02d", sign, abs / 3600, (abs / 60) % 60);
    return abs % 60 == 0 ? hoursMinutes : hoursMinutes + String.format(":%02d", abs % 60);
  }

  /**
   * Reads what Python's {@code datetime.fromisoformat} reads in practice: a date, {@code T} or space, a time with
   * an optional fraction, and an optional offset ({@code Z} accepted).
   *
   * @return an {@link OffsetDateTime} when an offset is present, else a {@link LocalDateTime}
   * @throws DateTimeException when the text is not such a date-time
   */
  public static Temporal parseDateTime(String text) {
    String s = normalise(text);
    if (s.length() == 10) {
      return LocalDate.parse(s).atStartOfDay();
    }
    if (hasOffset(s, 10)) {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  /**
   * @return the date of a {@code YYYY-MM-DD} text, or of a full date-time text (as Kombu's decoder allows)
   * @throws DateTimeException when the text is neither
   */
  public static LocalDate parseDate(String text) {
    String s = normalise(text);
    if (s.length() == 10) {
      return LocalDate.parse(s);
    }
    Temporal dateTime = parseDateTime(s);
    return dateTime instanceof OffsetDateTime o ? o.toLocalDate() : ((LocalDateTime) dateTime).toLocalDate();
  }

  /**
   * @return an {@link OffsetTime} when an offset is present, else a {@link LocalTime}
   * @throws DateTimeException when the text is not a time
   */
  public static Temporal parseTime(String text) {
    String s = normalise(text);
    if (hasOffset(s, 0)) {
      return OffsetTime.parse(s, DateTimeFormatter.ISO_OFFSET_TIME);
    }
    return LocalTime.parse(s, DateTimeFormatter.ISO_LOCAL_TIME);
  }

  private static String normalise(String text) {
    String s = text.strip();
    if (s.length() > 10 && s.charAt(10) == ' ') {
      s = s.substring(0, 10) + 'T' + s.substring(11);
    }
    if (s.endsWith("Z") || s.endsWith("z")) {
      s = s.substring(0, s.length() - 1) + "+00:00";
    }
    return s;
  }

  private static boolean hasOffset(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+' || c == '-') {
        return true;
      }
    }
    return false;
  }
}
