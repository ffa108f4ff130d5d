package io.kombu.serialization.internal;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * Formats a double the way Python's {@code repr(float)} does: the shortest decimal that reads back as the same double,
 * positional when the decimal point falls within 16 digits, else {@code d.ddde+XX} with at least two exponent digits.
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
    // Jackson's Schubfach gives the shortest round-tripping digits, like Python's dtoa mode 0.
    BigDecimal shortest = new BigDecimal(NumberOutput.toString(value, true)).stripTrailingZeros();
    shortest = preferOneDigit(value, shortest);
    String digits = shortest.unscaledValue().abs().toString();
    int decimalPoint = digits.length() - shortest.scale();
    StringBuilder out = new StringBuilder(24);
    if (value < 0) {
      out.append('-');
    }
    if (decimalPoint > -4 && decimalPoint <= 16) {
      if (decimalPoint <= 0) {
        out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
      } else if (decimalPoint >= digits.length()) {
        out.append(digits).append("0".repeat(decimalPoint - digits.length())).append(".0");
      } else {
        out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
      }
    } else {
      int exponent = decimalPoint - 1;
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
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
   * Java's algorithm keeps two digits when one would do but two are closer (4.9E-324); Python keeps the single digit
   * (5e-324). Returns the closest one-digit decimal that still reads back as {@code value}, if there is one.
   */
  private static BigDecimal preferOneDigit(double value, BigDecimal twoDigits) {
    if (twoDigits.precision() != 2) {
      return twoDigits;
    }
    BigDecimal exact = new BigDecimal(value);
    @Nullable BigDecimal best = null;
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.DOWN, RoundingMode.UP}) {
      BigDecimal candidate = twoDigits.round(new MathContext(1, mode));
      if (candidate.doubleValue() == value) {
        if (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
          best = candidate;
        }
      }
    }
    return best == null ? twoDigits : best.stripTrailingZeros();
  }
}
