package org.pmm.fit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pmm.base.UserError;
import org.pmm.data.DataFile;
import org.pmm.data.NamedArrays;
import org.pmm.lang.program.CheckedProgram;
import org.pmm.lang.program.Definitions.DataInput;
import org.pmm.lang.program.Dim;
import org.pmm.lang.program.Shape;

/**
 * Checks a data file against a program's data entries and binds their symbolic dimensions: each
 * entry that is not inline reads the array named by its dataset (or by its own name), which must
 * exist, have the declared rank and known sizes, the same size for the same symbol everywhere,
 * finite values, and values of the declared kind (0/1 for {@code binary}, whole numbers for
 * {@code int}). Errors name the entry, its declaration ({@code file:line:col}), the data file and
 * what differs.
 *
 * <pre>{@code
 * Map<String, Long> sizes = DataBinder.bind(program, DataFile.read(Path.of("schools.json")));
 * sizes.get("J")   // 8
 * }</pre>
 */
final class DataBinder {
  private DataBinder() {}

  /** The sizes of the symbolic dimensions; {@code file} may be null (inline data only). */
  static Map<String, Long> bind(CheckedProgram program, DataFile file) {
    return bind(program, file, Set.of());
  }

  /**
   * As {@link #bind(CheckedProgram, DataFile)}, where the entries named in {@code optional} may
   * be absent from the file (a prediction's observations); every symbol must still be bound.
   */
  static Map<String, Long> bind(CheckedProgram program, DataFile file, Set<String> optional) {
    Map<String, Long> sizes = new LinkedHashMap<>();
    Map<String, String> boundBy = new LinkedHashMap<>();
    NamedArrays arrays = file == null ? name -> null : file;
    Map<String, DataInput> left = new LinkedHashMap<>();
    for (DataInput d : program.data().values()) {
      if (d.inline()) {
        continue;
      }
      String name = d.dataset() == null ? d.name() : d.dataset();
      INDArray a = arrays.array(name);
      String where = d.location() + ": data entry '" + d.name() + "'";
      if (a == null && optional.contains(d.name())) {
        left.put(d.name(), d);
        continue;
      }
      if (a == null) {
        throw new UserError(file == null
            ? where + " has no values: give them inline or in a file with --data"
            : where + " reads '" + name + "', which " + file.path() + " does not hold (it holds: "
                + String.join(", ", file.names()) + ")");
      }
      Shape declared = d.shape();
      long[] actual = a.shape();
      if (declared.rank() != actual.length) {
        throw new UserError(where + " is declared " + declared + " (rank " + declared.rank()
            + ") but '" + name + "' in " + file.path() + " has shape "
            + java.util.Arrays.toString(actual));
      }
      for (int i = 0; i < actual.length; i++) {
        Dim dim = declared.dim(i);
        if (dim instanceof Dim.Known k && k.size() != actual[i]) {
          throw new UserError(where + " is declared " + declared + " but '" + name + "' in "
              + file.path() + " has " + actual[i] + " in dimension " + (i + 1));
        }
        if (dim instanceof Dim.Symbol s) {
          Long bound = sizes.putIfAbsent(s.name(), actual[i]);
          if (bound != null && bound != actual[i]) {
            throw new UserError(where + ": its dimension " + (i + 1) + " ('" + s.name() + "') is "
                + actual[i] + " in " + file.path() + ", but '" + boundBy.get(s.name())
                + "' made it " + bound);
          }
          boundBy.putIfAbsent(s.name(), d.name());
        }
      }
      checkValues(a, d, where, file);
    }
    for (DataInput d : left.values()) {
      for (int i = 0; i < d.shape().rank(); i++) {
        if (d.shape().dim(i) instanceof Dim.Symbol s && !sizes.containsKey(s.name())) {
          throw new UserError(d.location() + ": data entry '" + d.name() + "' is left out"
              + (file == null ? "" : " of " + file.path()) + ", and no other entry gives the size"
              + " of its dimension '" + s.name() + "': give '" + d.name() + "' (its values are"
              + " not used) or an entry with that dimension");
        }
      }
    }
    return sizes;
  }

  private static void checkValues(INDArray a, DataInput d, String where, DataFile file) {
    double[] v = a.dup().reshape(a.length()).toDoubleVector();
    for (int i = 0; i < v.length; i++) {
      String problem = null;
      if (!Double.isFinite(v[i])) {
        problem = "is not finite (" + v[i] + ")";
      } else if (d.type().equals("binary") && v[i] != 0 && v[i] != 1) {
        problem = "is " + v[i] + ", but a binary entry holds 0 or 1";
      } else if (d.type().equals("int") && v[i] != Math.rint(v[i])) {
        problem = "is " + v[i] + ", but an int entry holds whole numbers";
      }
      if (problem != null) {
        throw new UserError(where + ": element " + index(i, a.shape(), ", ") + " in " + file.path()
            + " " + problem);
      }
    }
  }

  /**
   * The element's index, {@code [1, 2]} with {@code separator} ", ", of flat position {@code
   * flat} in {@code shape}.
   */
  static String index(long flat, long[] shape, String separator) {
    long[] at = new long[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      at[d] = flat % shape[d];
      flat /= shape[d];
    }
    StringBuilder b = new StringBuilder("[");
    for (int d = 0; d < at.length; d++) {
      b.append(d == 0 ? "" : separator).append(at[d]);
    }
    return b.append(']').toString();
  }
}
