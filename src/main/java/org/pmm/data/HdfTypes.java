package org.pmm.data;

import io.jhdf.api.Dataset;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.NodeType;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.Reference;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import java.lang.reflect.Array;

/**
 * Names HDF5 types the way numpy does ({@code float32}, {@code int32}, ...), says what a node that
 * is not a dataset is, and flattens arrays.
 */
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

  /**
   * What a node is, for messages and {@code pmm data inspect}: "a group", "a soft link to '/x'",
   * "an external link to '/x' in file 'other.h5'". Links are described without being followed.
   */
  static String describeNode(Node node) {
    if (node instanceof ExternalLink link) {
      // jhdf joins the target as FILE:PATH; HDF5 paths start with '/'
      String target = link.getTargetPath();
      int split = target.lastIndexOf(":/");
      return split < 0 ? "an external link to '" + target + "'"
          : "an external link to '" + target.substring(split + 1) + "' in file '"
              + target.substring(0, split) + "'";
    }
    if (node instanceof Link link) {
      return "a soft link to '" + link.getTargetPath() + "'";
    }
    try {
      NodeType type = node.getType();
      return switch (type) {
        case GROUP, FILE -> "a group";
        case DATASET -> "a dataset";
        case COMMITTED_DATATYPE -> "a named datatype";
      };
    } catch (RuntimeException e) {
      return "an unreadable object";
    }
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
    float[] out = new float[Array.getLength(rows) * width];
    flattenInto(rows, width, out, 0);
    return out;
  }

  /** Copies a rectangular Java array of rows into {@code out}, starting at {@code start}. */
  static void flattenInto(Object rows, int width, float[] out, int start) {
    int n = Array.getLength(rows);
    for (int r = 0; r < n; r++) {
      Object row = Array.get(rows, r);
      int base = start + r * width;
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
  }
}
