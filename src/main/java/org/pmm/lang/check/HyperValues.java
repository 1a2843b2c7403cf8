package org.pmm.lang.check;

import org.pmm.lang.parse.NumberLiterals;
import org.pmm.lang.program.HyperValue;
import org.pmm.lang.vocabulary.Vocabulary;

/** Parses {@code --set} text against the type of a hyperparameter's declared default. */
final class HyperValues {
  private HyperValues() {}

  /** The value, or null when the text does not fit the type. */
  static HyperValue parse(HyperValue type, String text) {
    String trimmed = text.trim();
    try {
      if (type instanceof HyperValue.IntValue) {
        return trimmed.matches("-?\\d+") ? new HyperValue.IntValue(Long.parseLong(trimmed)) : null;
      }
      if (type instanceof HyperValue.RealValue) {
        double value = Double.parseDouble(trimmed);
        return Double.isFinite(value) && !trimmed.matches(".*[a-zA-Z&&[^eE]].*") ? new HyperValue.RealValue(value) : null;
      }
    } catch (NumberFormatException e) {
      return null;
    }
    if (type instanceof HyperValue.BoolValue) {
      return trimmed.equals("true") || trimmed.equals("false") ? new HyperValue.BoolValue(trimmed.equals("true")) : null;
    }
    if (type instanceof HyperValue.SymbolValue symbol) {
      return Vocabulary.accepts(symbol.enumeration(), trimmed)
          ? new HyperValue.SymbolValue(trimmed, symbol.enumeration()) : null;
    }
    return new HyperValue.TextValue(text);
  }

  /**
   * Why a number given for an int or real hyperparameter cannot be held ({@link NumberLiterals}:
   * a whole number past 64 bits, a real past float32), or null.
   */
  static String numberProblem(HyperValue type, String text) {
    String trimmed = text.trim();
    String unsigned = trimmed.startsWith("-") || trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
    if (type instanceof HyperValue.IntValue && unsigned.matches("\\d+")) {
      return NumberLiterals.problem(unsigned);
    }
    if (type instanceof HyperValue.RealValue && unsigned.matches("(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return NumberLiterals.realProblem(unsigned);
    }
    return null;
  }

  static String describe(HyperValue type) {
    if (type instanceof HyperValue.IntValue) {
      return "a whole number";
    } else if (type instanceof HyperValue.RealValue) {
      return "a number";
    } else if (type instanceof HyperValue.BoolValue) {
      return "true or false";
    } else if (type instanceof HyperValue.SymbolValue symbol) {
      return "one of " + String.join(", ", Vocabulary.usages(symbol.enumeration()));
    }
    return "a string";
  }
}
