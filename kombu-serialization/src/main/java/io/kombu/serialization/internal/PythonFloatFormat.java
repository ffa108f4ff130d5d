package io.kombu.serialization.internal;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * Formats a double the way Python's {@code repr(float)} does: the shortest decimal that reads back as the same double,
 * positional when the decimal point falls within 16 digits, else {@code d.ddde+XX} with at least two exponent digits.
 *
 * <p>It runs once for every float of every JSON body, so it works on the digit characters of Jackson's output and
 * allocates only the result (a BigDecimal version cost more than the rest of a small message's encoding).
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
public final class PythonFloatFormat {
  private PythonFloatFormat() {}

  /**
   * @param value a finite double
   * @return Python's {@code repr(value)}, e.g. {@code 1e-05}, {@code 0.1}, {@code 1e+16}, {@code 100.0}
   */
  public static String repr(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("not a finite double: " + value);
    }
    if (value == 0.0d) {
      return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
    }
    double magnitude = Math.abs(value);
    Digits digits = Digits.of(magnitude);
    if (digits.length == 2) {
      digits = digits.preferOneDigit(magnitude);
    }
    return format(value < 0, digits);
  }

  private static String format(boolean negative, Digits d) {
    StringBuilder out = new StringBuilder(24);
    if (negative) {
      out.append('-');
    }
    int point = d.decimalPoint;
    if (point > -4 && point <= 16) {
      if (point <= 0) {
        out.append("0.");
        for (int i = point; i < 0; i++) {
          out.append('0');
        }
        out.append(d.chars, 0, d.length);
      } else if (point >= d.length) {
        out.append(d.chars, 0, d.length);
        for (int i = d.length; i < point; i++) {
          out.append('0');
        }
        out.append(".0");
      } else {
        out.append(d.chars, 0, point).append('.').append(d.chars, point, d.length - point);
      }
    } else {
      int exponent = point - 1;
      out.append(d.chars[0]);
      if (d.length > 1) {
        out.append('.').append(d.chars, 1, d.length - 1);
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        out.append('0');
      }
      out.append(abs);
    }
    return out.toString();
  }

  /**
   * Significant digits without leading or trailing zeros, and where the decimal point goes: the value is
   * {@code 0.<chars> x 10^decimalPoint}.
   */
  private static final class Digits {
    final char[] chars;
    final int length;
    final int decimalPoint;

    private Digits(char[] chars, int length, int decimalPoint) {
      this.chars = chars;
      this.length = length;
      this.decimalPoint = decimalPoint;
    }

    /** Reads Jackson's Schubfach text ({@code 99.95}, {@code 1.0E-5}), the shortest digits that round-trip. */
    static Digits of(double positive) {
      String text = NumberOutput.toString(positive, true);
      int e = text.indexOf('E');
      int end = e < 0 ? text.length() : e;
      int exponent = e < 0 ? 0 : Integer.parseInt(text, e + 1, text.length(), 10);
      char[] chars = new char[end];
      int length = 0;
      int integerDigits = end;
      int leadingZeros = 0;
      for (int i = 0; i < end; i++) {
        char c = text.charAt(i);
        if (c == '.') {
          integerDigits = i;
        } else if (length == 0 && c == '0') {
          leadingZeros++;
        } else {
          chars[length++] = c;
        }
      }
      while (length > 0 && chars[length - 1] == '0') {
        length--;
      }
      return new Digits(chars, length, integerDigits + exponent - leadingZeros);
    }

    /**
     * Java's algorithm keeps two digits when one would do but two are closer (4.9E-324); Python keeps the single digit
     * (5e-324). Returns the closest one-digit decimal that still reads back as {@code value}, if there is one.
     */
    Digits preferOneDigit(double value) {
      int first = chars[0] - '0';
      Digits down = new Digits(new char[] {chars[0]}, 1, decimalPoint);
      Digits up = first == 9 ? new Digits(new char[] {'1'}, 1, decimalPoint + 1)
          : new Digits(new char[] {(char) (chars[0] + 1)}, 1, decimalPoint);
      boolean downFits = down.doubleValue() == value;
      boolean upFits = up.doubleValue() == value;
      if (downFits && upFits) {
        BigDecimal exact = new BigDecimal(value);
        return down.bigDecimal().subtract(exact).abs().compareTo(up.bigDecimal().subtract(exact).abs()) <= 0 ? down : up;
      }
      return downFits ? down : upFits ? up : this;
    }

    private BigDecimal bigDecimal() {
      return new BigDecimal(new String(chars, 0, length) + "E" + (decimalPoint - length));
    }

    private double doubleValue() {
      return Double.parseDouble(new String(chars, 0, length) + "E" + (decimalPoint - length));
    }
  }
}
