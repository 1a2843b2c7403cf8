package org.pmm.lang.vocabulary;

/**
 * The values a number may take where it is used: an option of an optimiser or layer, an
 * argument of a distribution, a train or eval setting, a dimension. {@link Vocabulary} declares
 * one range per such name; the checker holds constants and hyperparameters to it before
 * anything runs.
 *
 * <p>Real values reach the engine as float32, so a real range also requires the float32
 * rounding of the value to lie in it: {@code 1e39} becomes Infinity and {@code 1e-60} becomes 0,
 * neither of which is a positive learning rate. Whole ranges hold counts and sizes, which stay
 * exact.
 *
 * <pre>{@code
 * Range.POSITIVE.contains(0.001)   // true
 * Range.POSITIVE.contains(1e-60)   // false: 0 in float32
 * Range.DIMENSION.contains(2147483648.0)   // false
 * }</pre>
 */
public record Range(double low, boolean lowIncluded, double high, boolean highIncluded, boolean whole,
    String words) {

  /** Any float32 number. */
  public static final Range ANY = real(-Float.MAX_VALUE, true, Float.MAX_VALUE, true, "a float32 number");
  public static final Range POSITIVE = real(0, false, Float.MAX_VALUE, true, "positive");
  public static final Range NON_NEGATIVE = real(0, true, Float.MAX_VALUE, true, "0 or more");
  /** Probabilities, {@code [0, 1]}. */
  public static final Range PROBABILITY = real(0, true, 1, true, "in [0, 1]");
  /** A probability short of 1, such as dropout's or a moving-average decay: {@code [0, 1)}. */
  public static final Range BELOW_ONE = real(0, true, 1, false, "in [0, 1)");
  public static final Range OPEN_UNIT = real(0, false, 1, false, "in (0, 1)");
  public static final Range ABOVE_ZERO_UP_TO_ONE = real(0, false, 1, true, "in (0, 1]");
  /** Sizes: dimensions, units, plate sizes; Java arrays and the engine index them with an int. */
  public static final Range DIMENSION = new Range(1, true, Integer.MAX_VALUE, true, true,
      "a positive whole number");
  /** Counts of at least one: epochs, particles. */
  public static final Range POSITIVE_COUNT = new Range(1, true, Integer.MAX_VALUE, true, true,
      "a positive whole number");
  /** Counts that may be 0: annealing epochs, prediction samples. */
  public static final Range COUNT = new Range(0, true, Integer.MAX_VALUE, true, true, "a whole number >= 0");
  /** A whole number of any sign (a seed). */
  public static final Range WHOLE = new Range(Long.MIN_VALUE, true, Long.MAX_VALUE, true, true, "a whole number");

  private static Range real(double low, boolean lowIncluded, double high, boolean highIncluded, String words) {
    return new Range(low, lowIncluded, high, highIncluded, false, words);
  }

  public boolean contains(double value) {
    if (whole) {
      return value == Math.rint(value) && within(value);
    }
    return within(value) && within((float) value);
  }

  private boolean within(double value) {
    return (lowIncluded ? value >= low : value > low) && (highIncluded ? value <= high : value < high);
  }

  /**
   * Why {@code value} is outside, for the end of a message: "" for a value simply out of range,
   * else what the user might not see: " (the largest is 2147483647)", " (0 in float32)".
   */
  public String why(double value) {
    if (whole && value == Math.rint(value) && value > high) {
      return " (the largest is " + (long) high + ")";
    }
    if (!whole && within(value) && !within((float) value)) {
      return " (" + (float) value + " in float32)";
    }
    return "";
  }
}
