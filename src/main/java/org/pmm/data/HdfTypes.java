package org.pmm.data;

import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.Reference;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.lang.reflect.Array;

/** Names HDF5 types the way numpy does ({@code float32}, {@code int32}, ...) and flattens arrays. */
final class HdfTypes {
  private HdfTypes() {}

  /** A numpy-style name of a dataset's type; never throws (unknown types are named by class). */
  static String describe(Dataset dataset) {
    try {
      return describe(dataset.getDataType());
    } catch (RuntimeException e) {
      return "unreadable type";
    }
  }

  static String describe(DataType type) {
    if (type instanceof FloatingPoint) {
      return "float" + type.getSize() * 8;
    }
    if (type instanceof FixedPoint fixed) {
      return (fixed.isSigned() ? "int" : "uint") + type.getSize() * 8;
    }
    if (type instanceof StringData) {
      return "string(" + type.getSize() + " bytes)";
    }
    if (type instanceof VariableLength vlen) {
      return vlen.isVariableLengthString() ? "vlen string" : "vlen " + describe(vlen.getParent());
    }
    if (type instanceof CompoundDataType) {
      return "compound";
    }
    if (type instanceof Reference) {
      return "reference";
    }
    return type.getClass().getSimpleName().toLowerCase();
  }

  static boolean isNumeric(DataType type) {
    return type instanceof FloatingPoint || type instanceof FixedPoint;
  }

  static boolean isString(DataType type) {
    return type instanceof StringData
        || type instanceof VariableLength vlen && vlen.isVariableLengthString();
  }

  /** Copies a rectangular Java array of any primitive numeric type into a row-major float[]. */
  static float[] flattenToFloat(Object rows, int width) {
    int n = Array.getLength(rows);
    float[] out = new float[n * width];
    for (int r = 0; r < n; r++) {
      Object row = Array.get(rows, r);
      int base = r * width;
      if (row instanceof float[] f) {
        System.arraycopy(f, 0, out, base, width);
      } else if (row instanceof double[] d) {
        for (int c = 0; c < width; c++) {
          out[base + c] = (float) d[c];
        }
      } else if (row instanceof int[] i) {
        for (int c = 0; c < width; c++) {
          out[base + c] = i[c];
        }
      } else if (row instanceof long[] l) {
        for (int c = 0; c < width; c++) {
          out[base + c] = l[c];
        }
      } else if (row instanceof short[] s) {
        for (int c = 0; c < width; c++) {
          out[base + c] = s[c];
        }
      } else if (row instanceof byte[] b) {
        for (int c = 0; c < width; c++) {
          out[base + c] = b[c];
        }
      } else {
        for (int c = 0; c < width; c++) {
          out[base + c] = ((Number) Array.get(row, c)).floatValue();
        }
      }
    }
    return out;
  }
}
