package io.hearth.api.v1;

import java.math.BigDecimal;

/**
 * Float and timestamp text exactly as Prometheus' JSON API writes it (Go's {@code
 * strconv.FormatFloat} shapes over shortest round-trip digits). Stateless and thread-safe.
 *
 * <p>Shortest digits come from {@link Double#toString(double)}, which is shortest round-trip since
 * JDK 19, except that it may pick a closer two-digit decimal where a one-digit one also round-trips
 * ({@code 4.9E-324} instead of Go's {@code 5e-324}); {@link #shortest} corrects that.
 */
public final class PromFloat {
  private PromFloat() {}

  /**
   * Formats a vector, matrix or exemplar sample value: {@code NaN}, {@code +Inf}, {@code -Inf},
   * plain notation for {@code 1e-6 <= |v| < 1e21} and zero, Go exponent notation ({@code 1e-07},
   * {@code 1e+21}) otherwise.
   */
  public static String sample(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    double abs = Math.abs(v);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      return exponent(v);
    }
    return plain(v);
  }

  /**
   * Appends {@link #sample(double)} to {@code b}; integers and values in {@code [1e-3, 1e7)} (the
   * common cases) take a fast path without reformatting.
   */
  public static void appendSample(StringBuilder b, double v) {
    double abs = Math.abs(v);
    if (abs < 1e15 && v == (long) v && (v != 0 || Double.doubleToRawLongBits(v) == 0)) {
      b.append((long) v);
    } else if (abs >= 1e-3 && abs < 1e7) {
      // Double.toString uses plain notation with shortest digits in this range; only integral
      // values (handled above) would get a trailing ".0".
      b.append(v); // the same digits as Double.toString, without an intermediate String
    } else {
      b.append(sample(v));
    }
  }

  /**
   * Formats as Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: plain notation always (used for
   * scalar and string result values), {@code NaN}, {@code +Inf}, {@code -Inf}.
   */
  public static String plain(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    Digits d = shortest(v);
    StringBuilder b = new StringBuilder(24);
    if (d.negative) {
      b.append('-');
    }
    String s = d.digits;
    int point = d.point;
    if (point <= 0) {
      b.append("0.");
      b.repeat('0', -point);
      b.append(s);
    } else if (point >= s.length()) {
      b.append(s);
      b.repeat('0', point - s.length());
    } else {
      b.append(s, 0, point).append('.').append(s, point, s.length());
    }
    return b.toString();
  }

  /**
   * Formats as Go's {@code strconv.FormatFloat(v, 'e', -1, 64)}: {@code d[.ddd]e±XX} with at least
   * two exponent digits (used for alert values and tiny or huge sample values).
   */
  public static String exponent(double v) {
    String special = special(v);
    if (special != null) {
      return special;
    }
    Digits d = shortest(v);
    StringBuilder b = new StringBuilder(24);
    if (d.negative) {
      b.append('-');
    }
    b.append(d.digits.charAt(0));
    if (d.digits.length() > 1) {
      b.append('.').append(d.digits, 1, d.digits.length());
    }
    int exp = d.digits.equals("0") ? 0 : d.point - 1;
    b.append('e').append(exp < 0 ? '-' : '+');
    int absExp = Math.abs(exp);
    if (absExp < 10) {
      b.append('0');
    }
    b.append(absExp);
    return b.toString();
  }

  /**
   * Formats a sample timestamp of a vector or matrix: whole seconds, then {@code .} and exactly
   * three digits when the millisecond part is not zero ({@code 4}, {@code 4.500}, {@code -0.001}).
   *
   * @param ms milliseconds since the epoch
   */
  public static String sampleTime(long ms) {
    StringBuilder b = new StringBuilder(20);
    appendSampleTime(b, ms);
    return b.toString();
  }

  /** Appends {@link #sampleTime(long)} to {@code b}. */
  public static void appendSampleTime(StringBuilder b, long ms) {
    if (ms < 0) {
      b.append('-');
      if (ms == Long.MIN_VALUE) {
        // -Long.MIN_VALUE overflows; its magnitude is 9223372036854775.808 seconds.
        b.append("9223372036854775.808");
        return;
      }
      ms = -ms;
    }
    b.append(ms / 1000);
    long frac = ms % 1000;
    if (frac != 0) {
      b.append('.');
      if (frac < 100) {
        b.append('0');
      }
      if (frac < 10) {
        b.append('0');
      }
      b.append(frac);
    }
  }

  /**
   * Formats the timestamp of a scalar or string result: the shortest plain decimal of {@code ms /
   * 1000.0} ({@code 4}, {@code 4.5}).
   */
  public static String scalarTime(long ms) {
    return plain(ms / 1000.0);
  }

  private static String special(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    return null;
  }

  /**
   * Shortest round-trip decimal digits of a finite {@code v}: {@code |v| = 0.digits * 10^point}.
   */
  record Digits(boolean negative, String digits, int point) {}

  static Digits shortest(double v) {
    boolean negative = (Double.doubleToRawLongBits(v) < 0);
    double abs = Math.abs(v);
    if (abs == 0) {
      return new Digits(negative, "0", 1);
    }
    String s = Double.toString(abs);
    int e = s.indexOf('E');
    int exp = 0;
    String mantissa = s;
    if (e >= 0) {
      exp = Integer.parseInt(s.substring(e + 1));
      mantissa = s.substring(0, e);
    }
    int dot = mantissa.indexOf('.');
    String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    int point = dot + exp;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    digits = digits.substring(lead);
    point -= lead;
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(0, end);
    if (digits.length() == 2) {
      Digits one = oneDigit(abs, digits, point);
      if (one != null) {
        return new Digits(negative, one.digits, one.point);
      }
    }
    return new Digits(negative, digits, point);
  }

  /** A one-digit decimal that also round-trips to {@code abs}, the closer one if both do. */
  private static Digits oneDigit(double abs, String two, int point) {
    int first = two.charAt(0) - '0';
    Digits down = new Digits(false, Integer.toString(first), point);
    Digits up =
        first == 9
            ? new Digits(false, "1", point + 1)
            : new Digits(false, Integer.toString(first + 1), point);
    boolean downOk = roundTrips(abs, down);
    boolean upOk = roundTrips(abs, up);
    if (downOk && upOk) {
      BigDecimal exact = new BigDecimal(abs);
      BigDecimal dd = exact.subtract(toBig(down)).abs();
      BigDecimal du = toBig(up).subtract(exact).abs();
      return du.compareTo(dd) < 0 ? up : down;
    }
    return downOk ? down : upOk ? up : null;
  }

  private static boolean roundTrips(double abs, Digits d) {
    return Double.parseDouble("0." + d.digits + "E" + d.point) == abs;
  }

  private static BigDecimal toBig(Digits d) {
    return new BigDecimal("0." + d.digits + "E" + d.point);
  }
}
