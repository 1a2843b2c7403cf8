package org.pmm.lang.parse;

/**
 * Which written numbers the language can hold. Whole numbers are 64-bit integers; every other
 * number reaches the engine as float32, so it must neither overflow float32 ({@code 1e39}) nor
 * round to 0 when it is not 0 ({@code 1e-320}). Applied to the numbers of a file where they are
 * written and to {@code --set} values.
 *
 * <pre>{@code
 * NumberLiterals.problem("1e309")   // "the number 1e309 is too large for float32 (the largest is 3.4028235E38)"
 * NumberLiterals.problem("0.5")     // null
 * }</pre>
 */
public final class NumberLiterals {
  private NumberLiterals() {}

  /**
   * Why the number written as {@code text} (digits, a point, an exponent; no sign) cannot be
   * held, or null when it can.
   */
  public static String problem(String text) {
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        Long.parseLong(text);
        return null;
      } catch (NumberFormatException e) {
        return "the whole number " + text + " is too large (the largest is " + Long.MAX_VALUE + ")";
      }
    }
    return realProblem(text);
  }

  /** Why {@code text}, read as a real number, cannot be held in float32, or null when it can. */
  public static String realProblem(String text) {
    double value = Double.parseDouble(text);
    if (Math.abs(value) > Float.MAX_VALUE) {
      return "the number " + text + " is too large for float32 (the largest is " + Float.MAX_VALUE + ")";
    }
    String mantissa = text.split("[eE]")[0];
    if ((float) value == 0 && mantissa.chars().anyMatch(c -> c >= '1' && c <= '9')) {
      return "the number " + text + " is too small for float32: it would be 0 (the smallest is " + Float.MIN_VALUE
          + ")";
    }
    return null;
  }
}
