package org.pmm.lang.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions.Hyperparameter;
import org.pmm.lang.program.HyperValue;

/**
 * Which hyperparameters set a parameter's size, for the message that refuses a parameter too
 * large to fit: the integer hyperparameters whose values are dimensions of its shape.
 *
 * <pre>{@code
 * ParameterSizes.hint(program, new long[] {300, 1000000000})
 *     // "its size comes from hidden = 1000000000 (lower it with --set)"
 * }</pre>
 */
final class ParameterSizes {
  private ParameterSizes() {}

  static String hint(CheckedProgram program, long[] shape) {
    List<String> sources = new ArrayList<>();
    for (Hyperparameter h : program.hyperparameters().values()) {
      if (h.value() instanceof HyperValue.IntValue v
          && Arrays.stream(shape).anyMatch(d -> d == v.value() && d > 1)) {
        sources.add(h.name() + " = " + v.value());
      }
    }
    return sources.isEmpty() ? ""
        : "its size comes from " + String.join(", ", sources) + " (lower it with --set)";
  }
}
