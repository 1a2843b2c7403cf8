package org.pmm.lang.program;

/**
 * The value of a hyperparameter, typed by its declared default: a whole number, a real, a
 * boolean, a string, or a symbol from one of the vocabulary's enumerations (an estimator
 * name such as {@code annealed}, {@code best}/{@code last}, ...).
 */
public sealed interface HyperValue {
  String typeName();

  record IntValue(long value) implements HyperValue {
    public String typeName() {
      return "int";
    }

    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  record RealValue(double value) implements HyperValue {
    public String typeName() {
      return "real";
    }

    @Override
    public String toString() {
      return Double.toString(value);
    }
  }

  record BoolValue(boolean value) implements HyperValue {
    public String typeName() {
      return "bool";
    }

    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  record TextValue(String value) implements HyperValue {
    public String typeName() {
      return "string";
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** A symbol; {@code enumeration} names its set in {@link org.pmm.lang.vocabulary.Vocabulary#ENUMERATIONS}. */
  record SymbolValue(String value, String enumeration) implements HyperValue {
    public String typeName() {
      return enumeration;
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** The number this value stands for in arithmetic, if it is numeric. */
  default Double asNumber() {
    if (this instanceof IntValue i) {
      return (double) i.value();
    }
    if (this instanceof RealValue r) {
      return r.value();
    }
    return null;
  }
}
